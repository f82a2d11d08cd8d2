// Normalized text → word and punctuation tokens, keeping which tokens a space follows. A word is a
// run of letters and digits joined by apostrophes, hyphens, underscores, dots or slashes ("don't",
// "well-known", "3.5", "U.S"); inline `[word](/phonemes/)` is one word with given phonemes.
import { INLINE_PATTERN, parseInline, type InlinePronunciation } from "./inline.js";
import { SYMBOL_WORDS } from "./special-cases.js";

export interface RawToken {
  readonly text: string;
  readonly kind: "word" | "punct";
  /** Kokoro punctuation for a punct token ("" when it has none). */
  readonly punct: string;
  readonly spaceAfter: boolean;
  readonly inline?: InlinePronunciation;
}

const ALNUM = String.raw`[\p{L}\p{N}\p{M}]`;
const JOINER = String.raw`(?:[-_'‘’./@]|(?<=\d),(?=\d{3}))`;
// Sticky: each matches exactly at `lastIndex`.
const WORD = new RegExp(String.raw`(?:['‘’](?=\p{L}))?${ALNUM}+(?:${JOINER}+${ALNUM}+)*(?:['‘’](?!${ALNUM}))?`, "uy");
const INLINE = new RegExp(INLINE_PATTERN.source, "uy");
const SPACE = /\s+/uy;
/** Abbreviation letters with dots (U.S, e.g): the dot after the last letter belongs to the word too. */
const DOTTED = /^(?:\p{L}{1,2}\.)+\p{L}{1,2}$/u;

const PUNCT_MAP: ReadonlyMap<string, string> = new Map(
  Object.entries({ "[": "(", "{": "(", "]": ")", "}": ")", "«": "“", "„": "“", "»": "”", "‹": "“", "›": "”" }),
);
const KOKORO_PUNCTUATION = ';:,.!?—…"()“”';

/** The Kokoro punctuation a run of marks stands for: dashes become —, unknown marks vanish. */
export function punctuationOf(run: string): string {
  let out = "";
  for (const ch of run.replace(/\s*[-–‒―]{1,3}\s*/gu, "—").replace(/—+/gu, "—")) {
    if (KOKORO_PUNCTUATION.includes(ch)) out += ch;
    else out += PUNCT_MAP.get(ch) ?? "";
  }
  return out;
}

export function tokenize(text: string): RawToken[] {
  const tokens: RawToken[] = [];
  let i = 0;
  let punctStart = -1;
  const flushPunct = (end: number): void => {
    if (punctStart < 0) return;
    const run = text.slice(punctStart, end);
    tokens.push({ text: run, kind: "punct", punct: punctuationOf(run), spaceAfter: /\s/u.test(text.charAt(end)) });
    punctStart = -1;
  };
  while (i < text.length) {
    SPACE.lastIndex = i;
    const space = SPACE.exec(text);
    if (space !== null) {
      flushPunct(i);
      i += space[0].length;
      continue;
    }
    const ch = text.charAt(i);
    INLINE.lastIndex = i;
    const inline = ch === "[" ? INLINE.exec(text) : null;
    WORD.lastIndex = i;
    const word = inline === null ? WORD.exec(text) : null;
    const symbol = SYMBOL_WORDS.has(ch) ? ch : undefined;
    if (inline === null && word === null && symbol === undefined) {
      if (punctStart < 0) punctStart = i;
      i += String.fromCodePoint(text.codePointAt(i) ?? 32).length;
      continue;
    }
    flushPunct(i);
    let length: number;
    let token: RawToken;
    if (inline !== null) {
      length = inline[0].length;
      const parsed = parseInline(inline[0], inline[1] ?? "", inline[2] ?? "");
      token = { text: parsed.text, kind: "word", punct: "", spaceAfter: false, inline: parsed };
    } else {
      let w = word?.[0] ?? symbol ?? "";
      // "U.S. army": the abbreviation keeps its dot when a lowercase word follows.
      if (DOTTED.test(w) && /^\.\s+\p{Ll}/u.test(text.slice(i + w.length, i + w.length + 40))) w += ".";
      length = w.length;
      token = { text: w, kind: "word", punct: "", spaceAfter: false };
    }
    i += length;
    tokens.push({ ...token, spaceAfter: /\s/u.test(text.charAt(i)) });
  }
  flushPunct(text.length);
  return tokens;
}
