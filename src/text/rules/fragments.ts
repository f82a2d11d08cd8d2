// Regex sources shared by the rules. None nests quantifiers over overlapping classes, so a match
// attempt is linear in the length of the run it looks at.

/** A decimal number: 1,234,567.89 | 3.5 | 42 | .5 (a group name prefix keeps names unique). */
export const NUM = String.raw`(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)`;

/** A range separator between two numbers: 10-20, 10–20, 10 – 20, 10 to 20. */
export const RANGE_SEP = String.raw`(?:\s?[-–—]\s?|\s+to\s+)`;

/** No letter or digit before (so a number is not read from the middle of a word). */
export const NOT_AFTER_WORD = String.raw`(?<![\p{L}\p{N}])`;
/** No letter or digit after. */
export const NOT_BEFORE_WORD = String.raw`(?![\p{L}\p{N}])`;

export const MONTHS = [
  "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
] as const;

const MONTH_FORMS = [...MONTHS, "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec"];
/** Lowercase forms that are everyday words ("you may 2", "mar 3 sheets"): only the capitalized ones are months. */
const NOT_LOWERCASE_MONTHS = new Set(["may", "march", "mar"]);

/**
 * Month names and abbreviations in any of the three cases people write them: "October", "october",
 * "OCTOBER", "Oct", "oct", "OCT" (not a mixed "oCt"). Longest first, so "Sept" wins over "Sep".
 */
export const MONTH_NAME = `(?:${MONTH_FORMS.flatMap((m) => [m, m.toUpperCase(), ...(NOT_LOWERCASE_MONTHS.has(m.toLowerCase()) ? [] : [m.toLowerCase()])])
  .sort((a, b) => b.length - a.length)
  .join("|")})`;

/** Month number (1–12) for a month name or abbreviation. */
export function monthNumber(name: string): number {
  const key = name.slice(0, 3).toLowerCase();
  return MONTHS.findIndex((m) => m.slice(0, 3).toLowerCase() === key) + 1;
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}
