// Splitting text around punctuation so espeak (which drops punctuation) only sees words, and the
// punctuation Kokoro knows can be put back in place, as kokoro-js does.
import type { EnglishLang } from "../text/lang.js";
import { espeakToMisaki } from "./espeak-to-misaki.js";

/** Turns a piece of text without punctuation into espeak IPA lines (phonemizer's `phonemize`). */
export type EspeakPhonemize = (text: string, voice: string) => Promise<string[]>;

/** espeak voice per language: British English is espeak's plain `en` (gmw/en). */
export const ESPEAK_VOICE: Readonly<Record<EnglishLang, string>> = { "en-us": "en-us", "en-gb": "en" };

/** Punctuation in the Kokoro vocabulary, kept as is. */
const KOKORO_PUNCTUATION = ';:,.!?—…"()“”';
/** Other punctuation that ends a word piece, with the Kokoro symbol it becomes ("" = dropped). */
const SUBSTITUTES: Readonly<Record<string, string>> = {
  "«": "“",
  "»": "”",
  "[": "(",
  "]": ")",
  "{": "(",
  "}": ")",
  "¡": "",
  "¿": "",
};

const ALNUM = "[\\p{L}\\p{N}]";
// `.`, `,` and `:` between two letters or digits ("3.5", "1,000", "12:30", "e.g", "example.com")
// belong to the word: espeak reads them better than a pause would.
const MARK = `(?:(?<!${ALNUM})[.,:]|[.,:](?!${ALNUM})|[;!?—…"()“”«»\\[\\]{}¡¿])`;
const PUNCTUATION_RUN = new RegExp(`(\\s*${MARK}(?:\\s*${MARK})*\\s*)`, "u");

/** Text split into alternating word pieces (even indexes) and punctuation runs (odd indexes). */
export function splitOnPunctuation(text: string): string[] {
  return text.split(PUNCTUATION_RUN);
}

function keptPunctuation(run: string): string {
  let out = "";
  for (const ch of run.replace(/\s+/gu, " ")) {
    if (ch === " " || KOKORO_PUNCTUATION.includes(ch)) out += ch;
    else out += SUBSTITUTES[ch] ?? "";
  }
  return out;
}

/**
 * Phonemes for `text` in misaki's symbols: word pieces through espeak and the mapping, punctuation
 * kept where it was, single spaces between words.
 */
export async function phonemizeKeepingPunctuation(
  text: string,
  lang: EnglishLang,
  espeak: EspeakPhonemize,
): Promise<string> {
  const parts = splitOnPunctuation(text);
  let out = "";
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? "";
    if (i % 2 === 1) out += keptPunctuation(part);
    else if (part.trim() !== "") out += espeakToMisaki((await espeak(part, ESPEAK_VOICE[lang])).join(" "), lang);
  }
  return out.replace(/ {2,}/gu, " ").trim();
}
