// The spoken words of a speech with their times and the punctuation after them, from the pipeline's call events:
// what captions are cut from.
import type { PhonemeChunk } from "../plan/types.js";
import type { WordTiming } from "../pipeline/word-timings.js";

export interface CaptionWord extends WordTiming {
  /** Punctuation written right after the word ("," "." "?"), "" when none. */
  readonly punctuation: string;
  /** The word ends a sentence: a sentence mark after it, or the end of a call that ends on a sentence or paragraph. */
  readonly endsSentence: boolean;
}

const SENTENCE_MARKS = /[.!?…。！？]/u;

/**
 * One call's words with their punctuation. `timings` are wordTimings' for this call: one per word of `chunk` that
 * has tokens, in order.
 */
export function captionWords(chunk: PhonemeChunk, timings: readonly WordTiming[]): CaptionWord[] {
  const out: { word: string; start: number; end: number; punctuation: string; endsSentence: boolean }[] = [];
  let next = 0;
  for (const w of chunk.words) {
    if (w.kind === "word" && w.tokenEnd > w.tokenStart) {
      const timing = timings[next++];
      if (timing !== undefined) out.push({ ...timing, punctuation: "", endsSentence: false });
    } else if (w.kind === "punct" && out.length > 0) {
      const last = out[out.length - 1]!;
      last.punctuation += w.text;
      if (SENTENCE_MARKS.test(w.text)) last.endsSentence = true;
    }
  }
  const last = out[out.length - 1];
  if (last !== undefined && (chunk.breakAfter === "sentence" || chunk.breakAfter === "paragraph")) last.endsSentence = true;
  return out;
}
