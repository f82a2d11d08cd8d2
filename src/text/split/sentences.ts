import { periodIsNotFinal } from "./abbreviations.js";
import { protectedRanges, RangeCursor } from "./protected.js";

/** A sentence in a block: [start, end) in the block's text. */
export interface SentenceRange {
  readonly start: number;
  readonly end: number;
}

const TERMINATORS = new Set([".", "!", "?", "…", "。", "！", "？", "‽"]);
const CLOSERS = new Set(['"', "'", "”", "’", ")", "]", "}", "»", "*", "_", "`"]);
const OPENERS = new Set(['"', "'", "“", "‘", "(", "[", "*", "_", "«", "¿", "¡"]);

function isSpace(ch: string | undefined): boolean {
  return ch === " " || ch === "\n" || ch === "\t" || ch === "\u00a0" || ch === "\r";
}

function isLower(ch: string): boolean {
  return /\p{Ll}/u.test(ch);
}

/** The word just before a terminator at `i` (letters, digits and inner periods), e.g. "e.g" or "Dr". */
function wordBefore(text: string, i: number): string {
  let s = i;
  while (s > 0 && /[\p{L}\p{N}.]/u.test(text[s - 1]!)) s--;
  return text.slice(s, i);
}

/** Index of the first character from `k` that is not an opening quote or bracket. */
function skipOpeners(text: string, k: number): number {
  while (k < text.length && OPENERS.has(text[k]!)) k++;
  return k;
}

/**
 * Where a line break inside a paragraph ends a sentence: the line before ends without punctuation and
 * the next starts with a capital or digit (a title line, an address, a verse) — but not with the word "I".
 */
function lineBreakEnds(text: string, i: number): boolean {
  if (!/[\p{L}\p{N}"”')\]]/u.test(text[i - 1] ?? "")) return false;
  let k = i + 1;
  while (k < text.length && isSpace(text[k])) k++;
  k = skipOpeners(text, k);
  const next = text[k] ?? "";
  if (!/[\p{Lu}\p{N}]/u.test(next)) return false;
  return !(next === "I" && !/\p{L}/u.test(text[k + 1] ?? ""));
}

/**
 * Splits a block's text into sentences. A sentence ends at . ! ? … (with any closing quotes) followed
 * by whitespace and anything but a lowercase letter, unless the period belongs to an abbreviation,
 * an initial or a number; in code (hard lines) and after an unpunctuated line it ends at a line break.
 */
export function splitSentences(text: string, hardLines: boolean): SentenceRange[] {
  const out: SentenceRange[] = [];
  const cursor = new RangeCursor(protectedRanges(text));
  let start = 0;
  const cut = (end: number): void => {
    let s = start;
    let e = end;
    while (s < e && isSpace(text[s])) s++;
    while (e > s && isSpace(text[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e });
    start = end;
  };
  let i = 0;
  while (i < text.length) {
    const skipped = cursor.skip(i);
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    const ch = text[i]!;
    if (ch === "\n") {
      if (hardLines || lineBreakEnds(text, i)) cut(i);
      i++;
      continue;
    }
    if (!TERMINATORS.has(ch)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < text.length && TERMINATORS.has(text[j]!)) j++;
    const singlePeriod = ch === "." && j === i + 1;
    while (j < text.length && CLOSERS.has(text[j]!)) j++;
    if (j >= text.length || !isSpace(text[j])) {
      i = j;
      continue;
    }
    let k = j;
    while (k < text.length && isSpace(text[k])) k++;
    const next = text[skipOpeners(text, k)] ?? "";
    const abbreviation = singlePeriod && periodIsNotFinal(wordBefore(text, i), next);
    if (next !== "" && (isLower(next) || abbreviation)) {
      i = j;
      continue;
    }
    cut(j);
    i = j;
  }
  cut(text.length);
  return out;
}
