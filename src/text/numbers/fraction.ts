import { integerToWords, type NumberWordsOptions } from "./cardinal.js";
import { ordinalToWords } from "./ordinal.js";
import { pluralizeNumberWords } from "./year.js";

/** The denominator as a word: 2 → "half"/"halves", 4 → "quarter"/"quarters", 3 → "third"/"thirds". */
function denominatorWord(den: number, plural: boolean, options: NumberWordsOptions): string {
  if (den === 2) return plural ? "halves" : "half";
  if (den === 4) return plural ? "quarters" : "quarter";
  const ord = ordinalToWords(den, options);
  return plural ? pluralizeNumberWords(ord) : ord;
}

/**
 * num/den as words: 1/2 → "one half", 3/4 → "three quarters", 2/3 → "two thirds", with a whole part
 * "one and a half". Returns null for what is not read as a fraction (zero or huge denominators).
 */
export function fractionToWords(num: number, den: number, whole: number | null = null, options: NumberWordsOptions = {}): string | null {
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || den < 2 || den > 1000 || num < 0) return null;
  const n = integerToWords(String(num), options);
  const frac = num === 1 ? denominatorWord(den, false, options) : denominatorWord(den, true, options);
  if (whole === null) return `${n} ${frac}`;
  const w = integerToWords(String(whole), options);
  return num === 1 ? `${w} and a ${frac}` : `${w} and ${n} ${frac}`;
}
