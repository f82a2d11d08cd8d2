export { normalizeText, normalizeToString } from "./normalize.js";
export { normalizeSentence } from "./normalize-sentence.js";
export {
  numberToWords, integerToWords, digitsToWords, ordinalToWords, cardinalWordsToOrdinal, yearToWords, pluralizeNumberWords,
  fractionToWords, type NumberWordsOptions,
} from "./numbers/index.js";
export { romanValue } from "./rules/roman.js";
export { stripUnspeakable } from "./strip-unspeakable.js";
export type { BreakKind, NormalizeOptions, TextPiece } from "./types.js";
