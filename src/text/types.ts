import type { NormalizationSwitches } from "./normalization-options.js";
import type { Lang } from "./lang.js";

/** What ends a piece of text: it decides the pause after it and where chunks prefer to cut. */
export type BreakKind = "paragraph" | "sentence" | "clause" | "none";

/**
 * Normalized text of one sentence (or of one clause, when the normalizer splits a very long
 * sentence), with its span in the original input. Pieces are in input order and cover every
 * speakable part of the input once.
 */
export interface TextPiece {
  /**
   * Words as a careful reader says them: "$3.50" → "three dollars and fifty cents". Sentence-final punctuation kept;
   * a piece another follows ends with a mark ("." added where it has none), the input's last English piece only with its own.
   */
  readonly text: string;
  /** [start, end) UTF-16 offsets of the source of this piece in the original input. */
  readonly span: readonly [number, number];
  /** What follows this piece: "paragraph" for a blank line / list item / heading end, "sentence" otherwise at the end of a sentence. */
  readonly breakAfter: BreakKind;
}

export interface NormalizeOptions {
  readonly lang: Lang;
  /** Markdown code fences and indented code: skipped entirely, or read as plain text. Default "skip". */
  readonly codeBlocks?: "skip" | "read";
  /** Classes switched on or off for this request (all on by default). */
  readonly normalization?: NormalizationSwitches;
  /**
   * More text follows this input in the same speech (the head of a long text, read before the rest): its last piece
   * is closed with "." like any piece another follows. Default false: the last piece ends as the input does.
   */
  readonly goesOn?: boolean;
}
