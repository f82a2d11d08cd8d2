import type { BreakKind } from "../text/types.js";

/** One word (or punctuation mark) of a chunk and where its tokens sit in the chunk's ids. */
export interface PlannedWord {
  readonly text: string;
  readonly phonemes: string;
  readonly kind: "word" | "punct";
  /** [tokenStart, tokenEnd) indexes into the chunk's `ids` (pads not counted). Empty for punctuation Kokoro has no symbol for. */
  readonly tokenStart: number;
  readonly tokenEnd: number;
}

/** The tokens of one model call (at most 510 ids, without the two pads) and the words it covers. */
export interface PhonemeChunk {
  /** Position in the request's stream of calls, from 0. */
  readonly seq: number;
  readonly ids: readonly number[];
  readonly phonemes: string;
  readonly words: readonly PlannedWord[];
  /** The boundary this chunk ends on: it sets the pause after its audio. */
  readonly breakAfter: BreakKind;
}
