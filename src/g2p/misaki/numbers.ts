// Digits the text normalizer left in place (misaki reads them with num2words), read with the
// normalizer's own number words so the two never disagree; split into words for the lexicon.
import { digitsToWords, numberToWords, ordinalToWords, yearToWords } from "../../text/numbers/index.js";

const NUMBER = /^(-?)(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?$/u;

const words = (text: string): string[] => text.split(/[\s-]+/u).filter((w) => w.length > 0);

/**
 * Reads a token made of digits (with optional sign, thousands commas, decimals or an ordinal
 * suffix) as words; undefined when it is not such a token.
 */
export function numberWords(token: string): string[] | undefined {
  const ordinal = /^(\d+)(st|nd|rd|th)$/iu.exec(token);
  if (ordinal?.[1] !== undefined) return words(ordinalToWords(ordinal[1]));
  const match = NUMBER.exec(token);
  if (match === null) return undefined;
  const [, sign, whole, fraction] = match;
  if (whole === undefined && fraction === undefined) return undefined;
  if (!sign && fraction === undefined && whole !== undefined) {
    if (/^[12]\d{3}$/u.test(whole)) return words(yearToWords(whole));
    if (whole.length > 1 && whole.startsWith("0")) return words(digitsToWords(whole));
  }
  return words(numberToWords(token));
}
