import { digitsToWords } from "../numbers/cardinal.js";
import type { Rule } from "./rule.js";

/** Digit groups read digit by digit with a pause between groups: "five five five, one two three, ...". */
function sayGroups(phone: string): string {
  const plus = phone.trimStart().startsWith("+") ? "plus " : "";
  const groups = phone.match(/\d+/g) ?? [];
  return plus + groups.map(digitsToWords).join(", ");
}

/** (555) 123-4567, 555-123-4567, 555.123.4567, +1 555 123 4567, +44 20 7946 0958, 555-1234 */
export const phoneRule: Rule = {
  name: "phone",
  pattern: [
    String.raw`\+\d{1,3}(?:[ .-]?\(\d{1,4}\)|[ .-]\d{1,5}){2,5}(?!\d)`,
    String.raw`(?<![\w-])(?:\(\d{3}\)\s?|\d{3}[-.])\d{3}[-.]\d{4}(?![\w-])`,
    // Seven digits, unless the second group is round (then it is a range such as 100-2000).
    String.raw`(?<![\w.,-])\d{3}-\d{2}(?!00)\d{2}(?![\w-])`,
  ].join("|"),
  render: (g) => sayGroups(g["phone"]!),
};
