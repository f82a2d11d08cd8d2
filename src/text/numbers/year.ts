import { belowHundred, integerToWords, type NumberWordsOptions } from "./cardinal.js";

/**
 * A year as people say it: 1990 → "nineteen ninety", 1905 → "nineteen oh five", 1900 → "nineteen hundred",
 * 2008 → "two thousand eight" (en-gb "two thousand and eight"), 2024 → "twenty twenty-four".
 * Outside 1000–9999 (and for x000) it is the cardinal.
 */
export function yearToWords(year: number | string, options: NumberWordsOptions = {}): string {
  const y = typeof year === "number" ? Math.trunc(year) : Number.parseInt(year, 10);
  if (!Number.isFinite(y)) return "";
  if (y < 0) return `${yearToWords(-y, options)} BC`;
  if (y < 1000 || y > 9999 || y % 1000 === 0) return integerToWords(String(y), options);
  const high = Math.floor(y / 100);
  const low = y % 100;
  // 2001–2009 are "two thousand (and) one"; from 2010 on people say "twenty ten".
  if (high % 10 === 0 && low < 10) return integerToWords(String(y), options);
  if (low === 0) return `${belowHundred(high)} hundred`;
  if (low < 10) return `${belowHundred(high)} oh ${belowHundred(low)}`;
  return `${belowHundred(high)} ${belowHundred(low)}`;
}

/** The plural of the last word of a number reading: "nineteen ninety" → "nineteen nineties". */
export function pluralizeNumberWords(words: string): string {
  if (words.endsWith("y")) return `${words.slice(0, -1)}ies`;
  if (words.endsWith("x")) return `${words}es`;
  return `${words}s`;
}
