import { digitsToWords, integerToWords, numberToWords } from "../numbers/cardinal.js";
import { fractionToWords } from "../numbers/fraction.js";
import { ordinalToWords } from "../numbers/ordinal.js";
import { pluralizeNumberWords, yearToWords } from "../numbers/year.js";
import { NOT_AFTER_WORD, NOT_BEFORE_WORD, NUM, RANGE_SEP } from "./fragments.js";
import { isCapitalized, nextWord, previousWord, type MatchContext, type Rule } from "./rule.js";
import type { Lang } from "../lang.js";

/** '90s → "nineties", 1990s → "nineteen nineties", 1800s → "eighteen hundreds", 80s → "eighties". */
export const decadeRule: Rule = {
  name: "decade",
  pattern: String.raw`${NOT_AFTER_WORD}(?:['’](?<decadeshort>\d0)|(?<decadefull>\d{0,2}\d0))['’]?s${NOT_BEFORE_WORD}`,
  render: (g, ctx) => {
    const full = g["decadefull"];
    if (full === undefined) return pluralizeNumberWords(integerToWords(g["decadeshort"]!));
    const words = full.length === 4 ? yearToWords(full, { lang: ctx.lang }) : integerToWords(full, { lang: ctx.lang });
    return pluralizeNumberWords(words);
  },
};

/** 1st, 22nd, 103rd, 1,000th */
export const ordinalRule: Rule = {
  name: "ordinal",
  pattern: String.raw`${NOT_AFTER_WORD}(?<ordinaln>\d{1,3}(?:,\d{3})+|\d+)(?:st|nd|rd|th|ST|ND|RD|TH)${NOT_BEFORE_WORD}`,
  render: (g, ctx) => ordinalToWords(g["ordinaln"]!, { lang: ctx.lang }),
};

function sign(s: string | undefined): string {
  return s === undefined ? "" : s === "+" ? "plus " : "minus ";
}

/** 50%, -3.5%, 10-20% */
export const percentRule: Rule = {
  name: "percent",
  pattern: String.raw`${NOT_AFTER_WORD}(?<percentsign>[-−+])?(?<percenta>${NUM})(?:${RANGE_SEP}(?<percentb>${NUM})\s?%?|\s?%)(?<=%)|${NOT_AFTER_WORD}(?<percentpm>\d+(?:\.\d+)?)\s?‰`,
  render: (g, ctx) => {
    const lang = ctx.lang;
    if (g["percentpm"] !== undefined) return `${numberToWords(g["percentpm"], { lang })} per mille`;
    const a = sign(g["percentsign"]) + numberToWords(g["percenta"]!, { lang });
    const b = g["percentb"];
    return b === undefined ? `${a} percent` : `${a} to ${numberToWords(b, { lang })} percent`;
  },
};

const VULGAR: Readonly<Record<string, readonly [number, number]>> = {
  "½": [1, 2], "⅓": [1, 3], "⅔": [2, 3], "¼": [1, 4], "¾": [3, 4], "⅕": [1, 5], "⅖": [2, 5], "⅗": [3, 5], "⅘": [4, 5],
  "⅙": [1, 6], "⅚": [5, 6], "⅐": [1, 7], "⅛": [1, 8], "⅜": [3, 8], "⅝": [5, 8], "⅞": [7, 8], "⅑": [1, 9], "⅒": [1, 10],
};

/** Said as "a/b" although they look like fractions. */
const SLASH_IDIOMS: Readonly<Record<string, string>> = { "24/7": "twenty-four seven", "9/11": "nine eleven", "50/50": "fifty fifty" };

/** 1/2, 3/4, 2 1/2, ½, 1½, 24/7 */
export const fractionRule: Rule = {
  name: "fraction",
  pattern:
    String.raw`${NOT_AFTER_WORD}(?<![\d/.])(?:(?<fractionw>\d+)\s)?(?<fractionn>\d+)[/⁄](?<fractiond>\d+)(?![\d/]|\.\d)` +
    String.raw`|${NOT_AFTER_WORD}(?<fractionvw>\d+)?\s?(?<fractionv>[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒])` +
    // A decimal over a whole number is a score: 8.5/10 → "eight point five out of ten" (not a DOI's "10." and
    // four digits or more: 10.1000/182, read by the code rule).
    String.raw`|${NOT_AFTER_WORD}(?<![\d/.])(?!10\.\d{4})(?<fractionsn>\d+\.\d+)\/(?<fractionsd>\d+)(?![\d/]|\.\d)`,
  render: (g, ctx) => {
    const lang = ctx.lang;
    const score = g["fractionsn"];
    if (score !== undefined) return `${numberToWords(score, { lang })} out of ${integerToWords(g["fractionsd"]!, { lang })}`;
    const vulgar = g["fractionv"];
    if (vulgar !== undefined) {
      const [n, d] = VULGAR[vulgar]!;
      const w = g["fractionvw"];
      return fractionToWords(n, d, w === undefined ? null : Number(w), { lang });
    }
    const n = g["fractionn"]!;
    const d = g["fractiond"]!;
    const w = g["fractionw"];
    const whole = w === undefined ? "" : `${integerToWords(w, { lang })} `;
    const idiom = SLASH_IDIOMS[`${n}/${d}`];
    if (idiom !== undefined) return whole + idiom;
    const num = Number(n);
    const den = Number(d);
    // 9/10, 10/10 and 9/5 are scores and ratios, not fractions; 3/15 is more like a date than a fraction.
    if (num >= den || den === 10 && num > 1 || (den > 16 && den !== 100 && den !== 1000) || n.startsWith("0") || d.startsWith("0")) {
      const said = num === den || den === 10 || den === 100 ? "out of" : "slash";
      return `${whole}${integerToWords(n, { lang })} ${said} ${integerToWords(d, { lang })}`;
    }
    const said = fractionToWords(num, den, w === undefined ? null : Number(w), { lang });
    return said !== null && w === undefined ? ofA(said, num, nextWord(ctx)) : said;
  },
};

// Words after a fraction that are not the thing measured: "1/2 of the cake", "3/4 full".
const NOT_MEASURED = new Set(["of", "the", "a", "an", "and", "or", "to", "in", "on", "at", "for", "is", "was", "are", "full", "empty", "done", "way", "more", "less", "off", "as", "than"]);
const SILENT_H = /^(?:hour|honou?r|honest|heir)/u;

/**
 * A fraction before a singular noun takes "of a": "3/4 cup" → "three quarters of a cup", "1/2 hour" →
 * "half an hour". A plural or another kind of word after it leaves the fraction as it is.
 */
function ofA(said: string, num: number, next: string): string {
  if (!/^\p{Ll}{3,}$/u.test(next) || NOT_MEASURED.has(next) || (next.endsWith("s") && !next.endsWith("ss"))) return said;
  const article = /^[aeiou]/u.test(next) || SILENT_H.test(next) ? "an" : "a";
  return num === 1 && said.endsWith(" half") ? `half ${article}` : `${said} of ${article}`;
}

/** 1.2.3 → "one point two point three"; 192.168.0.1 → "one ninety-two dot one sixty-eight dot zero dot one". */
export const dottedNumberRule: Rule = {
  name: "dotted",
  pattern: String.raw`${NOT_AFTER_WORD}(?<dottedv>[vV])?(?<dottedn>\d+(?:\.\d+){2,})`,
  render: (g, ctx) => {
    const parts = g["dottedn"]!.split(".");
    const version = g["dottedv"] !== undefined ? "version " : "";
    if (parts.length === 4 && version === "") return parts.map((p) => sayIpPart(p)).join(" dot ");
    return version + parts.map((p) => (p.length > 1 && p.startsWith("0") ? digitsToWords(p) : integerToWords(p, { lang: ctx.lang }))).join(" point ");
  },
};

function sayIpPart(p: string): string {
  if (p.length === 3 && !p.startsWith("0") && p.slice(1) !== "00") return `${integerToWords(p[0]!)} ${p[1] === "0" ? `oh ${integerToWords(p[2]!)}` : integerToWords(p.slice(1))}`;
  return integerToWords(p);
}

/** v2 → "version two" */
export const versionRule: Rule = {
  name: "version",
  pattern: String.raw`(?<![\p{L}\p{N}])[vV](?<versionn>\d+(?:\.\d+)?)${NOT_BEFORE_WORD}`,
  render: (g, ctx) => `version ${numberToWords(g["versionn"]!, { lang: ctx.lang })}`,
};

/** 3×4, 1920x1080 → "three by four". */
export const dimensionRule: Rule = {
  name: "dimension",
  pattern: String.raw`${NOT_AFTER_WORD}(?<dimensiona>${NUM})\s?[x×]\s?(?<dimensionb>${NUM})${NOT_BEFORE_WORD}`,
  render: (g, ctx) => `${numberToWords(g["dimensiona"]!, { lang: ctx.lang })} by ${numberToWords(g["dimensionb"]!, { lang: ctx.lang })}`,
};

// Words after which a four-digit number is a year ("in 1990") or a count/label ("page 1234").
const YEAR_CUES = new Set(["in", "since", "by", "from", "until", "till", "of", "year", "circa", "c.", "ca.", "around", "before", "after", "during", "through", "to", "and", "or", "early", "late", "mid", "summer", "winter", "spring", "autumn", "fall", "’", "'"]);
const COUNT_CUES = new Set(["page", "pages", "number", "no.", "room", "flight", "route", "line", "step", "item", "items", "version", "chapter", "section", "about", "over", "under", "nearly", "almost", "exactly", "only", "than", "top", "first", "last"]);
/** Words that open a noun phrase: "the 1994 World Cup", "its 2008 crisis" (a year) against "the 1500 people" (a count). */
const DETERMINERS = new Set(["the", "a", "an", "this", "that", "its", "his", "her", "their", "our", "my", "your"]);
/** Words after a determiner and a number that make the number a count or a rank: "the 1000 best", "the 2000 or so". */
const COUNT_AFTER = new Set(["best", "most", "least", "top", "or", "and", "to", "of", "more", "fewer", "less", "other", "others"]);

/** Whether a four-digit integer reads as a year here: "in 1990", "1990 was", but not "1234 items". */
function readsAsYear(digits: string, ctx: MatchContext): boolean {
  const y = Number(digits);
  if (y < 1000 || y > 2099) return false;
  const before = previousWord(ctx).toLowerCase();
  if (YEAR_CUES.has(before) || /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/.test(before) && isCapitalized(previousWord(ctx))) return true;
  if (COUNT_CUES.has(before)) return false;
  const after = nextWord(ctx);
  // After a determiner, a number naming a thing that is not plural is a year: "the 1969 moon landing".
  if (DETERMINERS.has(before)) return after !== "" && !COUNT_AFTER.has(after.toLowerCase()) && !(/^\p{Ll}+s$/u.test(after) && !after.endsWith("ss"));
  // A plural noun after the number makes it a count: "1500 people", "2048 files".
  return !(after.length > 2 && /^\p{Ll}+s$/u.test(after) && !["was", "is", "has", "does", "saw", "always", "sees"].includes(after));
}

function cardinal(raw: string, lang: Lang): string {
  const digits = raw.replace(/,/g, "");
  const intPart = digits.split(".")[0] ?? "";
  // Leading zeros and long unseparated runs are identifiers and codes: read digit by digit.
  if (!raw.includes(",") && (intPart.length > 1 && intPart.startsWith("0") || intPart.length > 15)) {
    const frac = digits.includes(".") ? ` point ${digitsToWords(digits.split(".")[1] ?? "")}` : "";
    return digitsToWords(intPart) + frac;
  }
  return numberToWords(digits, { lang });
}

/**
 * The second year of a range written with two digits: 1990–95 → "ninety-five", 2001–02 → "oh two" (not "two"), and
 * a century's turn 1999–00 → "two thousand".
 */
function shortYear(first: string, two: string, lang: Lang): string {
  if (two === "00") return yearToWords(String((Math.floor(Number(first) / 100) + 1) * 100), { lang });
  return two.startsWith("0") ? `oh ${integerToWords(two.slice(1), { lang })}` : integerToWords(two, { lang });
}

/** 10-20 → "ten to twenty", 1990–95 → "nineteen ninety to ninety-five" */
export const rangeRule: Rule = {
  name: "range",
  pattern: String.raw`${NOT_AFTER_WORD}(?<![-−.])(?<rangea>${NUM})(?:–|—|-|\s[-–—]\s|\s?–\s?)(?<rangeb>${NUM})(?![\d\p{L}]|[-–][\d])`,
  render: (g, ctx) => {
    const a = g["rangea"]!;
    const b = g["rangeb"]!;
    const lang = ctx.lang;
    const yearish = (s: string): boolean => /^\d{4}$/.test(s) && Number(s) >= 1000 && Number(s) <= 2099;
    if (yearish(a) && (yearish(b) || /^\d{2}$/.test(b))) return `${yearToWords(a, { lang })} to ${b.length === 2 ? shortYear(a, b, lang) : yearToWords(b, { lang })}`;
    return `${cardinal(a, lang)} to ${cardinal(b, lang)}`;
  },
};

/** Any other number: 3.5, 1,000, -7, 0042, and four-digit years in context. */
export const numberRule: Rule = {
  name: "number",
  pattern: String.raw`(?<![0-9])(?:(?<numbersign>(?<![\p{L}\p{N}])[-−+])(?=[\d.]))?(?<numbern>${NUM})`,
  render: (g, ctx) => {
    const n = g["numbern"]!;
    const s = sign(g["numbersign"]);
    if (s === "" && /^\d{4}$/.test(n) && readsAsYear(n, ctx)) return yearToWords(n, { lang: ctx.lang });
    return s + cardinal(n, ctx.lang);
  },
};
