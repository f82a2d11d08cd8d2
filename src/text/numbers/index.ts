export { numberToWords, integerToWords, digitsToWords, type NumberWordsOptions } from "./cardinal.js";
export { ordinalToWords, cardinalWordsToOrdinal } from "./ordinal.js";
export { yearToWords, pluralizeNumberWords } from "./year.js";
export { fractionToWords } from "./fraction.js";
