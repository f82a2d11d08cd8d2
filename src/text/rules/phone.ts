import { digitsToWords, integerToWords } from "../numbers/cardinal.js";
import type { Rule } from "./rule.js";

/** One group of a phone number: digit by digit, but a round three-digit group is "eight hundred" (1-800-…). */
function sayGroup(group: string): string {
  if (/^[1-9]00$/.test(group)) return integerToWords(group);
  return /^\d+$/.test(group) ? digitsToWords(group) : group;
}

/** Digit groups read digit by digit with a pause between groups: "five five five, one two three, ...". */
function sayGroups(phone: string): string {
  const plus = phone.trimStart().startsWith("+") ? "plus " : "";
  const groups = phone.match(/\d+|\p{Lu}{2,}/gu) ?? [];
  return plus + groups.map(sayGroup).join(", ");
}

// An extension after the number: "ext. 12", "x12", "extension 12".
const EXTENSION = String.raw`(?:,?\s?(?:ext\.?|x|extension)\s?\d{1,6})?`;

/**
 * (555) 123-4567, 555-123-4567, 555.123.4567, +1 555 123 4567, +44 20 7946 0958, 555-1234,
 * 1-800-555-0199, 1 (800) 555-0199, 1-800-FLOWERS, each with an optional extension.
 */
export const phoneRule: Rule = {
  name: "phone",
  pattern: [
    String.raw`\+\d{1,3}(?:[ .-]?\(\d{1,4}\)|[ .-]\d{1,5}){2,5}(?!\d)${EXTENSION}`,
    // Long distance: 1-800-555-0199, 1 (212) 555-0199, and vanity numbers 1-800-FLOWERS.
    String.raw`(?<![\w.-])1[-. ](?:\(\d{3}\)\s?|\d{3}[-. ])(?:\d{3}[-. ]\d{4}|\p{Lu}{4,7})(?![\w-])${EXTENSION}`,
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
