import { periodIsNotFinal } from "./abbreviations.js";
import type { PeriodRule } from "./language-abbreviations.js";
import { protectedRanges, RangeCursor } from "./protected.js";

/** A sentence in a block: [start, end) in the block's text. */
export interface SentenceRange {
  readonly start: number;
  readonly end: number;
}

const TERMINATORS = new Set([".", "!", "?", "…", "。", "！", "？", "‽", "．", "｡", "।", "॥"]);
/** Full-width stops end a sentence with no space after them: Chinese and Japanese put none. */
const WIDE_TERMINATORS = new Set(["。", "！", "？", "．", "｡"]);
const CLOSERS = new Set(['"', "'", "”", "’", ")", "]", "}", "»", "*", "_", "`", "」", "』", "）", "】", "〕", "〉", "》"]);
const OPENERS = new Set(['"', "'", "“", "‘", "(", "[", "*", "_", "«", "¿", "¡", "「", "『", "（", "【", "〔", "〈", "《"]);

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

/** The word starting at `k` (letters and digits, at most 12 characters: enough to tell an opener). */
function wordAt(text: string, k: number): string {
  let e = k;
  while (e < text.length && e - k < 12 && /[\p{L}\p{N}]/u.test(text[e]!)) e++;
  return text.slice(k, e);
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

// "1. " or "1) " before a word, at the start or after a space: a candidate list marker. Not before "and"/"or":
// "1) or 2)" names items, it does not list them.
const MARKER = /(?<![^\s])(\d{1,2})([.)])[ \t]+(?!(?:and|or|nor)(?![\p{L}]))(?=[\p{L}"“'(])/gu;

/**
 * Numbered items written inline ("Buy: 1. eggs 2. milk 3. bread", "1) eggs 2) milk"): runs of at least two markers
 * of one kind counting up from 1 (or from 2, after a Markdown list item "1." whose marker is already gone). The block's first marker
 * is an item even alone when it counts on from the block's own list number (`listNumber`: "1. apples 2. pears"
 * is a Markdown item "1." holding "apples 2. pears"). Each is [start, end).
 */
function inlineListMarkers(text: string, listNumber?: number): Array<readonly [number, number]> {
  const found: Array<{ readonly n: number; readonly mark: string; readonly start: number; readonly end: number }> = [];
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(text); m !== null; m = MARKER.exec(text)) found.push({ n: Number(m[1]), mark: m[2]!, start: m.index, end: m.index + m[0].length });
  const out: Array<readonly [number, number]> = [];
  let run: typeof found = [];
  const countsOn = (f: (typeof found)[number]): boolean => f === found[0] && listNumber !== undefined && f.n === listNumber + 1;
  const flush = (): void => {
    if ((run.length >= 2 && run[0]!.n <= 2) || (run.length > 0 && countsOn(run[0]!))) for (const r of run) out.push([r.start, r.end]);
    run = [];
  };
  for (const f of found) {
    if (run.length > 0 && (f.n !== run.at(-1)!.n + 1 || f.mark !== run.at(-1)!.mark)) flush();
    if (run.length > 0 || f.n <= 2 || countsOn(f)) run.push(f);
  }
  flush();
  return out;
}

/**
 * Splits a block's text into sentences. A sentence ends at . ! ? … (with any closing quotes) followed
 * by whitespace and anything but a lowercase letter, unless the period belongs to an abbreviation,
 * an initial or a number; in code (hard lines) and after an unpunctuated line it ends at a line break.
 * `isNotFinal` knows the abbreviations (the language's: `periodRuleFor`; English's by default); `listNumber` is the
 * block's own ordered-list number, if any (Block.listNumber).
 */
export function splitSentences(text: string, hardLines: boolean, isNotFinal: PeriodRule = periodIsNotFinal, listNumber?: number): SentenceRange[] {
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
  const markers = inlineListMarkers(text, listNumber);
  let nextMarker = 0;
  let i = 0;
  while (i < text.length) {
    // An inline list item: the sentence before it ends, and its number is not read (as in a Markdown list).
    const marker = markers[nextMarker];
    if (marker !== undefined && marker[0] <= i) {
      nextMarker++;
      if (marker[0] === i) {
        cut(i);
        start = marker[1];
        i = marker[1];
        continue;
      }
    }
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
    let wide = WIDE_TERMINATORS.has(ch);
    for (; j < text.length && TERMINATORS.has(text[j]!); j++) if (WIDE_TERMINATORS.has(text[j]!)) wide = true;
    const singlePeriod = ch === "." && j === i + 1;
    const closersFrom = j;
    while (j < text.length && CLOSERS.has(text[j]!)) j++;
    // 「本当？」と言った, 「行く。」って: a quoted sentence the sentence around it goes on from (the quotative と, って).
    const quoteGoesOn = wide && j > closersFrom && /^(?:と|って)/u.test(text.slice(j, j + 2));
    if (wide && j < text.length && !isSpace(text[j]) && !quoteGoesOn) {
      cut(j);
      i = j;
      continue;
    }
    if (j >= text.length || !isSpace(text[j])) {
      i = j;
      continue;
    }
    let k = j;
    while (k < text.length && isSpace(text[k])) k++;
    const nextStart = skipOpeners(text, k);
    const next = text[nextStart] ?? "";
    const abbreviation = singlePeriod && isNotFinal(wordBefore(text, i), wordAt(text, nextStart));
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
