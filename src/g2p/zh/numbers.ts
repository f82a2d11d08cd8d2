// Arabic numerals in Chinese text read as Chinese numerals, as misaki does with cn2an's "an2cn" transform before
// its pinyin lookup: 123 → 一百二十三, 3.14 → 三点一四, 50% → 百分之五十, 1/2 → 二分之一, 2024年 → 二零二四年.

const DIGITS = "零一二三四五六七八九";
const SMALL_UNITS = ["", "十", "百", "千"];
const BIG_UNITS = ["", "万", "亿", "万亿"];

/** Digit by digit: years, long codes, the decimals of a number. */
export function digitsToChinese(digits: string): string {
  return [...digits].map((d) => DIGITS[Number(d)] ?? "").join("");
}

/** Up to four digits (0–9999), with the zeros Chinese writes between non-zero places. */
function groupToChinese(n: number): string {
  let out = "";
  let zero = false;
  for (let place = 3; place >= 0; place--) {
    const d = Math.floor(n / 10 ** place) % 10;
    if (d === 0) {
      if (out !== "") zero = true;
      continue;
    }
    if (zero) out += "零";
    zero = false;
    out += DIGITS[d]! + SMALL_UNITS[place]!;
  }
  return out;
}

/** A whole number as Chinese reads it (10 → 十, 15 → 十五, 10005 → 一万零五); more than 16 digits digit by digit. */
export function integerToChinese(digits: string): string {
  const trimmed = digits.replace(/^0+(?=\d)/u, "");
  if (trimmed.length > 16) return digitsToChinese(digits);
  if (/^0+$/u.test(trimmed)) return "零";
  const groups: number[] = [];
  for (let end = trimmed.length; end > 0; end -= 4) groups.unshift(Number(trimmed.slice(Math.max(0, end - 4), end)));
  let out = "";
  let zero = false;
  groups.forEach((g, i) => {
    const unit = BIG_UNITS[groups.length - 1 - i]!;
    if (g === 0) {
      if (out !== "") zero = true;
      return;
    }
    if (out !== "" && (zero || g < 1000)) out += "零";
    zero = false;
    out += groupToChinese(g) + unit;
  });
  // 一十五 is read 十五 at the start of a number.
  return out.replace(/^一十/u, "十");
}

function numberToChinese(text: string): string {
  const negative = text.startsWith("-") || text.startsWith("−");
  const body = text.replace(/^[-−]/u, "").replaceAll(",", "");
  const [int = "0", frac] = body.split(".");
  const words = integerToChinese(int === "" ? "0" : int) + (frac === undefined || frac === "" ? "" : "点" + digitsToChinese(frac));
  return (negative ? "负" : "") + words;
}

const NUMBER = String.raw`(?:(?<![\p{L}\p{N}])[-−])?\d+(?:,\d{3})*(?:\.\d+)?`;
const PATTERN = new RegExp(String.raw`(\d{4})(?=年)|(${NUMBER})\s*/\s*(${NUMBER})|(${NUMBER})\s*[%％]|(${NUMBER})`, "gu");

/** Every number in `text` in Chinese numerals; other text as it was. */
export function readNumbersChinese(text: string): string {
  return text.replace(PATTERN, (_m, year?: string, num?: string, den?: string, pct?: string, plain?: string) => {
    if (year !== undefined) return digitsToChinese(year);
    if (num !== undefined && den !== undefined) return `${numberToChinese(den)}分之${numberToChinese(num)}`;
    if (pct !== undefined) return `百分之${numberToChinese(pct)}`;
    return numberToChinese(plain ?? "");
  });
}
