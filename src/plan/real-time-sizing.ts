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
  // Running sums over the calls seen so far: planChunks passes its own growing list after every call,
  // and summing it all again each time would be quadratic in the number of calls.
  let seen: readonly PhonemeChunk[] | undefined;
  let counted = 0;
  let audioMs = 0;
  let computeMs = 0;
  let costKnown = true;
  return (planned) => {
    if (planned !== seen || planned.length < counted) {
      seen = planned;
      counted = 0;
      audioMs = 0;
      computeMs = 0;
      costKnown = true;
    }
    for (; counted < planned.length; counted++) {
      const chunk = planned[counted]!;
      audioMs += estimatedAudioMs(chunk.ids.length, speed);
      if (counted === 0 || !costKnown) continue; // the first call is computed before any audio plays
      const ms = cost.predictMs(chunk.ids.length);
      if (ms === null) costKnown = false;
      else computeMs += ms;
    }
    const last = planned.at(-1);
    const doubled = Math.min(maxIds, Math.max(2 * (last?.ids.length ?? 24), 48));
    if (!costKnown) return doubled;
    const budget = (audioMs - computeMs) * safety;
    const fits = cost.idsWithin(budget);
    if (fits === null) return doubled;
    if (fits < 8) return maxIds;
    return Math.min(maxIds, fits);
  };
}
