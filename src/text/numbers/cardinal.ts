import type { Lang } from "../lang.js";

export interface NumberWordsOptions {
  /** en-gb says "one hundred and five"; en-us "one hundred five". Default en-us. */
  readonly lang?: Lang;
}

const ONES = [
  "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
  "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
] as const;
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"] as const;
const SCALES = [
  "", "thousand", "million", "billion", "trillion", "quadrillion", "quintillion",
  "sextillion", "septillion", "octillion", "nonillion", "decillion",
] as const;

/** Past the named scales nobody reads a number as a quantity: it is read digit by digit. */
export const MAX_CARDINAL_DIGITS = SCALES.length * 3;

/** "0042" → "zero zero four two". Non-digits are skipped. */
export function digitsToWords(digits: string): string {
  const words: string[] = [];
  for (const ch of digits) {
    const d = ch.charCodeAt(0) - 48;
    if (d >= 0 && d <= 9) words.push(ONES[d]!);
  }
  return words.join(" ");
}

/** 0..99 → words, hyphenated as written English ("forty-two"). */
export function belowHundred(n: number): string {
  if (n < 20) return ONES[n]!;
  const tens = TENS[Math.floor(n / 10)]!;
  return n % 10 === 0 ? tens : `${tens}-${ONES[n % 10]!}`;
}

function belowThousand(n: number, british: boolean): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 0) return belowHundred(rest);
  const head = `${ONES[hundreds]!} hundred`;
  if (rest === 0) return head;
  return `${head}${british ? " and " : " "}${belowHundred(rest)}`;
}

/** A run of ASCII digits (any length) as a cardinal; too long for the named scales → digit by digit. */
export function integerToWords(digits: string, options: NumberWordsOptions = {}): string {
  const clean = digits.replace(/\D/g, "").replace(/^0+(?=\d)/, "");
  if (clean === "") return "";
  if (clean.length > MAX_CARDINAL_DIGITS) return digitsToWords(clean);
  const british = options.lang === "en-gb";
  const groups: number[] = [];
  for (let end = clean.length; end > 0; end -= 3) groups.unshift(Number(clean.slice(Math.max(0, end - 3), end)));
  if (groups.length === 1) return belowThousand(groups[0]!, british);
  const parts: string[] = [];
  groups.forEach((g, i) => {
    if (g === 0) return;
    const scale = SCALES[groups.length - 1 - i]!;
    const isLast = i === groups.length - 1;
    // British readers join a small last group with "and": "one thousand and five".
    if (isLast && british && g < 100 && parts.length > 0) parts.push("and");
    parts.push(scale === "" ? belowThousand(g, british) : `${belowThousand(g, british)} ${scale}`);
  });
  return parts.length === 0 ? "zero" : parts.join(" ");
}

function numberToDecimalString(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "Infinity" : "-Infinity";
  const plain = String(n);
  if (!plain.includes("e")) return plain;
  return n.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 20 });
}

const DECIMAL = /^([-−+])?(\d[\d,]*)?(?:\.(\d+))?$/;

/**
 * A number as a careful reader says it: 1005 → "one thousand five" (en-gb "one thousand and five"),
 * "-3.25" → "minus three point two five", "1,000" → "one thousand", ".5" → "point five".
 * Strings that are not a plain decimal number are read digit by digit; never throws.
 */
export function numberToWords(n: number | bigint | string, options: NumberWordsOptions = {}): string {
  let text: string;
  if (typeof n === "bigint") text = n.toString();
  else if (typeof n === "number") {
    text = numberToDecimalString(n);
    if (text === "NaN") return "not a number";
    if (text === "Infinity") return "infinity";
    if (text === "-Infinity") return "minus infinity";
  } else text = n.trim();
  const m = DECIMAL.exec(text);
  if (m === null || (m[2] === undefined && m[3] === undefined)) return digitsToWords(text);
  const sign = m[1] === "-" || m[1] === "−" ? "minus " : m[1] === "+" ? "plus " : "";
  const whole = m[2] === undefined ? "" : integerToWords(m[2], options);
  const fraction = m[3] === undefined ? "" : `point ${digitsToWords(m[3])}`;
  return sign + [whole, fraction].filter((s) => s !== "").join(" ");
}
