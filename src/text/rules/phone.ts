import { digitsToWords, integerToWords } from "../numbers/cardinal.js";
import type { Rule } from "./rule.js";
import { SHORT_WORDS } from "./short-words.js";

/** One group of a phone number: digit by digit, but a round three-digit group is "eight hundred" (1-800-…). */
function sayGroup(group: string): string {
  if (/^[1-9]00$/.test(group)) return integerToWords(group);
  return /^\d+$/.test(group) ? digitsToWords(group) : group;
}

/**
 * The letters of a vanity number as the words they spell ("GOT-JUNK" → "got junk": lower case, so the G2P reads
 * words, not initialisms). A group left in capitals is said letter by letter: one of up to three letters that is not a
 * word of the lexicon ("CALL-ATT" → "call A T T", "MY-TV"), or a longer one without a vowel. A longer group with a
 * vowel is read as a word even when the lexicon lacks it, as brand names are ("GO-FEDEX").
 */
function sayLetters(letters: string): string {
  return letters
    .split("-")
    .map((w) => {
      const lower = w.toLowerCase();
      const word = w.length <= 3 ? SHORT_WORDS.has(lower) : /[AEIOUY]/.test(w);
      return word ? lower : w;
    })
    .join(" ");
}

/** Digit groups read digit by digit with a pause between groups: "five five five, one two three, ..."; a vanity number's letters as words. */
function sayGroups(phone: string): string {
  const plus = phone.trimStart().startsWith("+") ? "plus " : "";
  const groups = phone.match(/\d+|\p{Lu}{2,}(?:-\p{Lu}{2,})*/gu) ?? [];
  return plus + groups.map((g) => (/^\d/.test(g) ? sayGroup(g) : sayLetters(g))).join(", ");
}

// An extension after the number: "ext. 12", "x12", "extension 12".
const EXTENSION = String.raw`(?:,?\s?(?:ext\.?|x|extension)\s?\d{1,6})?`;
// The letters of a vanity number, in up to three hyphenated groups: 1-800-FLOWERS, 1-877-GOT-JUNK, 1-800-GO-FEDEX.
const VANITY = String.raw`(?:\p{Lu}{4,8}|\p{Lu}{2,8}(?:-\p{Lu}{2,8}){1,2})`;
// A toll-free area code (800, 888, 877, ...): before letters it is a phone number even without the leading 1.
const TOLL_FREE = String.raw`8(?:00|33|44|55|66|77|88)`;

/**
 * (555) 123-4567, 555-123-4567, 555.123.4567, +1 555 123 4567, +44 20 7946 0958, 555-1234,
 * 1-800-555-0199, 1 (800) 555-0199, 1-800-FLOWERS, 1-877-GOT-JUNK, 800-GOT-JUNK, each with an optional extension.
 */
export const phoneRule: Rule = {
  name: "phone",
  pattern: [
    String.raw`\+\d{1,3}(?:[ .-]?\(\d{1,4}\)|[ .-]\d{1,5}){2,5}(?!\d)${EXTENSION}`,
    // Long distance: 1-800-555-0199, 1 (212) 555-0199, and vanity numbers 1-800-FLOWERS, 1-877-GOT-JUNK.
    String.raw`(?<![\w.-])1[-. ](?:\(\d{3}\)\s?|\d{3}[-. ])(?:\d{3}[-. ]\d{4}|${VANITY})(?![\w-])${EXTENSION}`,
    // A toll-free vanity number without the 1: 800-GOT-JUNK, (888) NEW-CARS.
    String.raw`(?<![\w.-])(?:\(${TOLL_FREE}\)\s?|${TOLL_FREE}[-. ])${VANITY}(?![\w-])${EXTENSION}`,
    String.raw`(?<![\w-])(?:\(\d{3}\)\s?|\d{3}[-.])\d{3}[-.]\d{4}(?![\w-])${EXTENSION}`,
    // Seven digits, unless the second group is round (then it is a range such as 100-2000).
    String.raw`(?<![\w.,-])\d{3}-\d{2}(?!00)\d{2}(?![\w-])${EXTENSION}`,
  ].join("|"),
  render: (g) => {
    const phone = g["phone"]!;
    const ext = /,?\s?(?:ext\.?|x|extension)\s?(\d+)$/.exec(phone);
    if (ext === null) return sayGroups(phone);
    return `${sayGroups(phone.slice(0, ext.index))}, extension ${digitsToWords(ext[1]!)}`;
  },
};
