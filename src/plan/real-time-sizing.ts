import type { PhonemeChunk } from "./types.js";

/** What the sizing needs to know about inference cost (the engine's online CostModel fits this). */
export interface CallCost {
  predictMs(ids: number): number | null;
  idsWithin(ms: number): number | null;
}

/** Audio a call makes, estimated from its length: one 25 ms frame per id (pads included) at speed 1. */
export function estimatedAudioMs(ids: number, speed: number): number {
  return ((ids + 2) * 25) / speed;
}

/**
 * Sizes each call after the first so that its predicted inference time stays below the audio a real-time
 * listener still has buffered when it starts (× `safety`): the audio of the calls before it, minus the
 * time spent computing them after the first audio went out. While the cost is unknown the size doubles.
 * When even a tiny call would not keep up (slower than real time), calls go to full size: gaps are then
 * unavoidable and fewer, larger calls finish the text sooner.
 */
export function realTimeLimit(cost: CallCost, speed: number, maxIds: number, safety = 0.8): (planned: readonly PhonemeChunk[]) => number {
  return (planned) => {
    const last = planned.at(-1);
    const doubled = Math.max(2 * (last?.ids.length ?? 24), 48);
    let audioMs = 0;
    let computeMs = 0;
    for (const [i, chunk] of planned.entries()) {
      audioMs += estimatedAudioMs(chunk.ids.length, speed);
      if (i === 0) continue; // the first call is computed before any audio plays
      const ms = cost.predictMs(chunk.ids.length);
      if (ms === null) return Math.min(maxIds, doubled);
      computeMs += ms;
    }
    const budget = (audioMs - computeMs) * safety;
    const fits = cost.idsWithin(budget);
    if (fits === null) return Math.min(maxIds, doubled);
    if (fits < 8) return maxIds;
    return Math.min(maxIds, fits);
  };
}
