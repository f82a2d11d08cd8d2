// The normalizer for languages other than English: the English rules (numbers, dates, units, abbreviations)
// would read "3,5" or "1.999" the English way, so for es/fr-fr/hi/it/pt-br the sentence is only cleaned —
// Markdown, emoji, whitespace and punctuation — and espeak-ng reads numbers, dates and symbols in the language.
import type { Lang } from "./lang.js";
import { isEnglish } from "./lang.js";
import { PRONUNCIATION_MARK, protectPronunciations, restorePronunciations, stripInlineMarkdown } from "./markdown/inline.js";
import { readEnglishSentence, type SentenceReading } from "./normalize-sentence.js";
import type { NormalizationSwitches } from "./normalization-options.js";
import { tidyPunctuation } from "./punctuation.js";
import { stripUnspeakable } from "./strip-unspeakable.js";

/** Sentence marks of other scripts the English tidy-up does not know: the Devanagari danda and double danda. */
const OTHER_STOPS = /[।॥]/gu;

/** Symbols espeak-ng reads in the language ("50 %" por ciento, "5/6" cinco barra seis, "20 €"): kept, not tidied away. */
const READ_SYMBOLS = /[%‰€$£¥₹°/+=@#&§]/u;
/** Japanese and Chinese quotation brackets, read as Kokoro's curly quotes (as misaki maps them). */
const CJK_OPENING_QUOTES = /[「『《【〈]/gu;
const CJK_CLOSING_QUOTES = /[」』》】〉]/gu;
/** A full-width mark takes no space after it; its ASCII stand-in needs one. */
const WIDE_MARK_BEFORE_TEXT = /([，、；：。！？．])(?=[^\s，、；：。！？．」』）])/gu;

/**
 * The symbols espeak-ng reads, behind the same placeholder as the inline pronunciations (so the punctuation
 * tidy-up keeps them in place); `saved` holds both, in text order, for restorePronunciations.
 */
function protectSymbols(text: string, pronunciations: readonly string[]): { text: string; saved: string[] } {
  const saved: string[] = [];
  let k = 0;
  const out = text.replace(new RegExp(`${PRONUNCIATION_MARK}|${READ_SYMBOLS.source}`, "gu"), (m) => {
    saved.push(m === PRONUNCIATION_MARK ? (pronunciations[k++] ?? "") : m);
    return PRONUNCIATION_MARK;
  });
  return { text: out, saved };
}

/** One sentence of a language without normalizer rules, cleaned for its G2P. Inline pronunciations come back untouched. */
export function normalizePlainSentence(source: string): string {
  try {
    const protectedText = protectPronunciations(source);
    const plain = stripUnspeakable(stripInlineMarkdown(protectedText.text))
      .replace(/[\r\n\t]+/gu, " ")
      .replace(OTHER_STOPS, ".")
      .replace(CJK_OPENING_QUOTES, "“")
      .replace(CJK_CLOSING_QUOTES, "”")
      .replace(WIDE_MARK_BEFORE_TEXT, "$1 ");
    const { text, saved } = protectSymbols(plain, protectedText.saved);
    return restorePronunciations(tidyPunctuation(text), saved);
  } catch {
    return tidyPunctuation(stripUnspeakable(source.replace(/[\uE000-\uF8FF]/gu, " ").replace(OTHER_STOPS, ".")));
  }
}

/**
 * One sentence as `lang`'s reader says it: English through its rules (those `switches` leaves on), left open where
 * the input has no final mark (as misaki reads it); other languages only cleaned, and closed with "." as before.
 */
export function readSentence(source: string, lang: Lang, switches?: NormalizationSwitches): SentenceReading {
  return isEnglish(lang) ? readEnglishSentence(source, lang, switches) : { text: normalizePlainSentence(source), open: false };
}
