import { integerToWords } from "../numbers/cardinal.js";
import { ordinalToWords } from "../numbers/ordinal.js";
import { yearToWords } from "../numbers/year.js";
import { MONTHS, MONTH_NAME, monthNumber, NOT_AFTER_WORD, NOT_BEFORE_WORD } from "./fragments.js";
import type { Lang } from "../lang.js";
import { previousWord, type Rule } from "./rule.js";

/** Two-digit years as written: "24" → "twenty-four", "05" → "oh five". */
function shortYear(y: string, lang: Lang): string {
  if (y.length === 4) return yearToWords(y, { lang });
  return y.startsWith("0") ? `oh ${integerToWords(y.slice(1))}` : integerToWords(y, { lang });
}

/**
 * A date in the order a reader of the locale says it: en-us "January fifth, twenty twenty-four",
 * en-gb "the fifth of January, twenty twenty-four". `dayFirst` keeps the written order of "5 January".
 */
export function sayDate(month: number, day: number, year: string | undefined, lang: Lang, dayFirst = lang === "en-gb", the = "the "): string {
  const m = MONTHS[month - 1] ?? "";
  const d = ordinalToWords(day, { lang });
  const head = dayFirst ? `${the}${d} of ${m}` : lang === "en-gb" ? `${m} the ${d}` : `${m} ${d}`;
  return year === undefined ? head : `${head}, ${shortYear(year, lang)}`;
}

const DAY = "(?:0?[1-9]|[12]\\d|3[01])";
const MONTH_NUM = "(?:0?[1-9]|1[0-2])";

/** 2024-01-05, 2024/01/05 */
export const isoDateRule: Rule = {
  name: "isodate",
  pattern: String.raw`${NOT_AFTER_WORD}(?<isodatey>\d{4})(?<isodatesep>[-/.])(?<isodatem>${MONTH_NUM})(?<isodatesep2>[-/.])(?<isodated>${DAY})(?![\d\p{L}]|[-/.]\d)`,
  render: (g, ctx) => (g["isodatesep"] === g["isodatesep2"] ? sayDate(Number(g["isodatem"]), Number(g["isodated"]), g["isodatey"], ctx.lang) : null),
};

/** 01/05/2024, 5.1.24: month first in en-us, day first in en-gb (unless only the other order is a date). */
export const numericDateRule: Rule = {
  name: "numdate",
  pattern: String.raw`${NOT_AFTER_WORD}(?<![\d/.-])(?<numdatea>\d{1,2})(?<numdatesep>[/.-])(?<numdateb>\d{1,2})(?<numdatesep2>[/.-])(?<numdatey>\d{4}|\d{2})(?![\d\p{L}]|[/.-]\d)`,
  render: (g, ctx) => {
    if (g["numdatesep"] !== g["numdatesep2"]) return null;
    const a = Number(g["numdatea"]);
    const b = Number(g["numdateb"]);
    let [month, day] = ctx.lang === "en-gb" ? [b, a] : [a, b];
    if (month > 12 && day <= 12) [month, day] = [day, month];
    if (month < 1 || month > 12 || day < 1 || day > 31) return null;
    return sayDate(month, day, g["numdatey"], ctx.lang);
  },
};

/** Jan 5, 2024 · January 5th · Sept. 3 2021 */
export const monthDayRule: Rule = {
  name: "mdate",
  pattern: String.raw`\b(?<mdatem>${MONTH_NAME})\.?\s+(?<mdated>${DAY})(?:st|nd|rd|th)?(?:,?\s+(?<mdatey>\d{4}))?${NOT_BEFORE_WORD}(?![.,]\d)`,
  render: (g, ctx) => sayDate(monthNumber(g["mdatem"]!), Number(g["mdated"]), g["mdatey"], ctx.lang, false),
};

/** 5 January 2024 · 5th of May · 1 Sept. 2021 */
export const dayMonthRule: Rule = {
  name: "dmdate",
  pattern:
    String.raw`${NOT_AFTER_WORD}(?<dmdated>${DAY})(?:st|nd|rd|th)?\s+(?:of\s+)?(?<dmdatem>${MONTH_NAME})\b\.?(?:,?\s+(?<dmdatey>\d{4})${NOT_BEFORE_WORD})?` +
    // 9-Oct-2024, 09/OCT/24: day, month name and year joined by dashes or slashes.
    String.raw`|${NOT_AFTER_WORD}(?<dmdatehd>${DAY})[-/](?<dmdatehm>${MONTH_NAME})[-/](?<dmdatehy>\d{4}|\d{2})${NOT_BEFORE_WORD}`,
  // "on the 3rd of May" already has its "the".
  render: (g, ctx) => {
    const the = /^the$/i.test(previousWord(ctx)) ? "" : "the ";
    if (g["dmdatehd"] !== undefined) return sayDate(monthNumber(g["dmdatehm"]!), Number(g["dmdatehd"]), g["dmdatehy"], ctx.lang, true, the);
    return sayDate(monthNumber(g["dmdatem"]!), Number(g["dmdated"]), g["dmdatey"], ctx.lang, true, the);
  },
};
