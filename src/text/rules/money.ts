import { integerToWords, numberToWords } from "../numbers/cardinal.js";
import { NUM, NOT_AFTER_WORD, NOT_BEFORE_WORD } from "./fragments.js";
import type { Groups, MatchContext, Rule } from "./rule.js";

interface Currency {
  readonly one: string;
  readonly many: string;
  /** The minor unit, or null when amounts are not given in it (yen). */
  readonly minorOne: string | null;
  readonly minorMany: string | null;
  /** "three pounds fifty" rather than "three pounds and fifty pence". */
  readonly minorBare?: boolean;
}

const CURRENCIES: Readonly<Record<string, Currency>> = {
  $: { one: "dollar", many: "dollars", minorOne: "cent", minorMany: "cents" },
  "£": { one: "pound", many: "pounds", minorOne: "penny", minorMany: "pence", minorBare: true },
  "€": { one: "euro", many: "euros", minorOne: "cent", minorMany: "cents" },
  "¥": { one: "yen", many: "yen", minorOne: null, minorMany: null },
  "₹": { one: "rupee", many: "rupees", minorOne: "paisa", minorMany: "paise" },
  "₩": { one: "won", many: "won", minorOne: null, minorMany: null },
  "₽": { one: "ruble", many: "rubles", minorOne: "kopek", minorMany: "kopeks" },
  "₿": { one: "bitcoin", many: "bitcoin", minorOne: null, minorMany: null },
};
const CODES: Readonly<Record<string, string>> = { USD: "$", GBP: "£", EUR: "€", JPY: "¥", INR: "₹", KRW: "₩" };

const SCALES: Readonly<Record<string, string>> = {
  k: "thousand", K: "thousand", thousand: "thousand",
  m: "million", M: "million", mn: "million", MM: "million", million: "million",
  b: "billion", B: "billion", bn: "billion", billion: "billion",
  t: "trillion", T: "trillion", tn: "trillion", trillion: "trillion",
};

const SYMBOL = "[$£€¥₹₩₽₿]";
const CODE = "(?:USD|GBP|EUR|JPY|INR|KRW)";
const SCALE = String.raw`(?:(?:k|K|mn|MM|m|M|bn|b|B|tn|t|T)${NOT_BEFORE_WORD}|\s(?:thousand|million|billion|trillion)\b)`;

function amountWords(num: string, scale: string | undefined, cur: Currency, ctx: MatchContext): string {
  const lang = ctx.lang;
  if (scale !== undefined) return `${numberToWords(num, { lang })} ${SCALES[scale.trim()] ?? scale.trim()} ${cur.many}`;
  const [whole = "", frac] = num.replace(/,/g, "").split(".");
  const plainFraction = frac !== undefined && frac.length <= 2 && cur.minorOne !== null;
  if (frac !== undefined && !plainFraction) return `${numberToWords(num, { lang })} ${cur.many}`;
  const major = whole === "" ? 0 : Number(whole);
  const minor = frac === undefined ? 0 : Number(frac.padEnd(2, "0"));
  const majorWords = whole === "" || (major === 0 && minor > 0) ? "" : `${integerToWords(whole === "" ? "0" : whole, { lang })} ${major === 1 ? cur.one : cur.many}`;
  if (minor === 0) return majorWords === "" ? `zero ${cur.many}` : majorWords;
  const minorNumber = integerToWords(String(minor), { lang });
  if (majorWords === "") return `${minorNumber} ${minor === 1 ? cur.minorOne! : cur.minorMany!}`;
  if (cur.minorBare === true) return `${majorWords} ${minorNumber}`;
  return `${majorWords} and ${minorNumber} ${minor === 1 ? cur.minorOne! : cur.minorMany!}`;
}

function say(g: Groups, p: string, ctx: MatchContext): string | null {
  const symbol = g[`${p}sym`] ?? g[`${p}sym2`] ?? CODES[g[`${p}code`] ?? g[`${p}code2`] ?? ""];
  const cur = symbol === undefined ? undefined : CURRENCIES[symbol];
  if (cur === undefined) return null;
  const sign = g[`${p}sign`] !== undefined ? "minus " : "";
  const a = g[`${p}a`]!;
  const b = g[`${p}b`];
  const scale = g[`${p}scale`] ?? g[`${p}scaleb`];
  if (b === undefined) return sign + amountWords(a, scale, cur, ctx);
  // A range names the currency once, at the end: "ten to twenty dollars".
  const bWords = amountWords(b, scale, cur, ctx);
  const aWords = scale !== undefined || !a.includes(".") ? numberToWords(a, { lang: ctx.lang }) : amountWords(a, undefined, cur, ctx);
  return `${sign}${aWords} to ${bWords}`;
}

/** $5, $3.50, £1.2m, $2B, €40, ¥500, $10-$20, -$5, USD 5, 5 USD, 5€ */
export const moneyRule: Rule = {
  name: "money",
  pattern:
    String.raw`${NOT_AFTER_WORD}(?<moneysign>[-−])?(?:(?<moneysym>${SYMBOL})|(?<moneycode>${CODE})\s?)(?<moneya>${NUM})` +
    String.raw`(?:(?:\s?[-–]\s?|\s+to\s+)${SYMBOL}?(?<moneyb>${NUM}))?(?<moneyscale>${SCALE})?` +
    String.raw`|${NOT_AFTER_WORD}(?<moneyxa>${NUM})(?:\s?(?<moneysym2>${SYMBOL})|\s(?<moneycode2>${CODE})\b)`,
  render: (g, ctx) => {
    if (g["moneyxa"] !== undefined) return say({ ...g, moneya: g["moneyxa"] }, "money", ctx);
    return say(g, "money", ctx);
  },
};
