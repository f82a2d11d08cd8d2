import type { PhonemeChunk } from "../plan/types.js";

export interface WordTiming {
  readonly word: string;
  /** Seconds from the start of the whole response's audio. */
  readonly start: number;
  readonly end: number;
}

/**
 * When each word of a call is spoken, given where the call's audio starts in the response. With the
 * model's per-token durations (exports that have a duration output), the times are exact; otherwise
 * the call's audio is spread evenly over its tokens (pads included) and the result is an estimate.
 */
export function wordTimings(
  chunk: PhonemeChunk,
  offsetS: number,
  audioS: number,
  durations: Float32Array | null,
): { words: WordTiming[]; estimated: boolean } {
  const positions = chunk.ids.length + 2; // with the two pads
  const exact = durations !== null && durations.length === positions;
  // Start time of every token position: cumulative model durations, or an even split of the audio.
  const starts = new Float64Array(positions + 1);
  if (exact) {
    const total = durations.reduce((a, b) => a + b, 0);
    for (let i = 0; i < positions; i++) starts[i + 1] = starts[i]! + (total > 0 ? (durations[i]! / total) * audioS : 0);
  } else {
    for (let i = 0; i <= positions; i++) starts[i] = (i / positions) * audioS;
  }
  const words = chunk.words
    .filter((w) => w.kind === "word" && w.tokenEnd > w.tokenStart)
    .map((w) => ({
      word: w.text,
      start: round(offsetS + starts[w.tokenStart + 1]!),
      end: round(offsetS + starts[w.tokenEnd + 1]!),
    }));
  return { words, estimated: !exact };
}

const round = (s: number): number => Math.round(s * 1000) / 1000;
