// Numbers in Japanese text read in Japanese, as misaki does (its num2kana conversion, to hiragana): 15 → じゅうご,
// 300 → さんびゃく, 8000 → はっせん, 3.5 → さんてんご. Extended here past nine digits (万, 億, 兆) and to
// thousands separators; longer digit strings are read digit by digit.

const DIGIT = ["ぜろ", "いち", "に", "さん", "よん", "ご", "ろく", "なな", "はち", "きゅー"];
const HUNDREDS: Readonly<Record<number, string>> = { 1: "ひゃく", 3: "さんびゃく", 6: "ろっぴゃく", 8: "はっぴゃく" };
const THOUSANDS: Readonly<Record<number, string>> = { 1: "せん", 3: "さんぜん", 8: "はっせん" };
const BIG = ["", "まん", "おく", "ちょー"];

/** 1–9999; `alone` is false inside a larger number, where 1000 is いっせん. */
function group(n: number, alone: boolean): string {
  const th = Math.floor(n / 1000);
  const h = Math.floor(n / 100) % 10;
  const t = Math.floor(n / 10) % 10;
  const o = n % 10;
  let out = "";
  if (th > 0) out += th === 1 && !alone ? "いっせん" : (THOUSANDS[th] ?? DIGIT[th] + "せん");
  if (h > 0) out += HUNDREDS[h] ?? DIGIT[h] + "ひゃく";
  if (t > 0) out += (t === 1 ? "" : DIGIT[t]) + "じゅー";
  if (o > 0) out += DIGIT[o];
  return out;
}

/** A whole number in hiragana (0 → ぜろ); more than 16 digits, digit by digit. */
export function integerToKana(digits: string): string {
  const trimmed = digits.replace(/^0+(?=\d)/u, "");
  if (trimmed.length > 16) return [...digits].map((d) => DIGIT[Number(d)]).join("");
  if (trimmed === "0") return DIGIT[0]!;
  const groups: number[] = [];
  for (let end = trimmed.length; end > 0; end -= 4) groups.unshift(Number(trimmed.slice(Math.max(0, end - 4), end)));
  return groups
    .map((g, i) => {
      if (g === 0) return "";
      const big = BIG[groups.length - 1 - i]!;
      const words = group(g, groups.length === 1);
      // Before ちょー the last mora geminates: いっちょー, はっちょー, じゅっちょー.
      return (big === "ちょー" ? words.replace(/(?:いち|はち|じゅー)$/u, (m) => (m === "じゅー" ? "じゅっ" : m[0] + "っ")) : words) + big;
    })
    .join("");
}

/** A number as written ("1,234", "3.14", "-5") in hiragana. */
export function numberToKana(text: string): string {
  const negative = /^[-−]/u.test(text);
  const [int = "0", frac] = text.replace(/^[-−]/u, "").replaceAll(",", "").split(".");
  let out = integerToKana(int === "" ? "0" : int);
  if (frac !== undefined && frac !== "") out += "てん" + [...frac].map((d) => DIGIT[Number(d)]).join("");
  return (negative ? "まいなす" : "") + out;
}

/** Where numbers are in `text` (with a sign after a space or at the start, separators and decimals). */
export const JA_NUMBER = /(?:(?<![\p{L}\p{N}])[-−])?\d+(?:,\d{3})*(?:\.\d+)?/gu;

/** Counters read after a number (月 is がつ there, not つき), in pronunciation kana. */
const COUNTERS: Readonly<Record<string, string>> = {
  月: "がつ", 日: "にち", 年: "ねん", 円: "えん", 人: "にん", 時: "じ", 分: "ふん", 秒: "びょー", 歳: "さい", 才: "さい",
  回: "かい", 個: "こ", 度: "ど", 階: "かい", 番: "ばん", 枚: "まい", 冊: "さつ", 台: "だい", 件: "けん", 週: "しゅー",
  号: "ごー", 倍: "ばい", "%": "ぱーせんと", 時間: "じかん", ヶ月: "かげつ", か月: "かげつ", カ月: "かげつ",
};
/** Whole readings of a number and its counter that do not follow the rule. */
const IRREGULAR: Readonly<Record<string, string>> = {
  "4月": "しがつ", "7月": "しちがつ", "9月": "くがつ", "1日": "ついたち", "2日": "ふつか", "3日": "みっか", "4日": "よっか",
  "5日": "いつか", "6日": "むいか", "7日": "なのか", "8日": "よーか", "9日": "ここのか", "10日": "とーか", "20日": "はつか",
  "14日": "じゅーよっか", "24日": "にじゅーよっか", "1人": "ひとり", "2人": "ふたり", "4人": "よにん", "4時": "よじ", "7時": "しちじ",
  "9時": "くじ", "4年": "よねん", "1分": "いっぷん", "3分": "さんぷん", "4分": "よんぷん", "6分": "ろっぷん", "8分": "はっぷん",
  "10分": "じゅっぷん", "1個": "いっこ", "6個": "ろっこ", "8個": "はっこ", "10個": "じゅっこ", "1回": "いっかい", "6回": "ろっかい",
  "8回": "はっかい", "10回": "じゅっかい", "1歳": "いっさい", "8歳": "はっさい", "10歳": "じゅっさい", "20歳": "はたち",
};
/** The counters COUNTERS knows, longest first, for matching right after a number. */
export const COUNTER_PATTERN = new RegExp(`^(?:${Object.keys(COUNTERS).sort((a, b) => b.length - a.length).join("|")})`, "u");

/** A number and the counter after it (or "") in hiragana. */
export function countToKana(number: string, counter: string): string {
  return IRREGULAR[number + counter] ?? numberToKana(number) + (COUNTERS[counter] ?? "");
}
