import { KOKORO_VOCAB, MAX_PHONEME_IDS } from "../engine/vocab.js";

// Ids after which a cut is natural: the space and Kokoro's punctuation symbols.
const BREAK_IDS: ReadonlySet<number> = new Set(
  [" ", ";", ":", ",", ".", "!", "?", "—", "…", '"', "(", ")", "“", "”"].map((s) => KOKORO_VOCAB.get(s)!),
);

/**
 * Interim chunking until the front-end's planner lands: split a token sequence into model calls of
 * at most `max` ids, cutting after the last space or punctuation before the limit (or at the limit
 * when a single word is longer). Every id lands in exactly one call, in order: nothing is dropped.
 */
export function splitIds(ids: readonly number[], max = MAX_PHONEME_IDS): number[][] {
  if (max < 1) throw new RangeError("max must be at least 1");
  const calls: number[][] = [];
  let start = 0;
  while (ids.length - start > max) {
    let cut = -1;
    for (let i = start + max - 1; i > start; i--) {
      if (BREAK_IDS.has(ids[i]!)) {
        cut = i + 1;
        break;
      }
    }
    if (cut === -1) cut = start + max;
    calls.push(ids.slice(start, cut));
    start = cut;
  }
  if (start < ids.length) calls.push(ids.slice(start));
  return calls;
}
