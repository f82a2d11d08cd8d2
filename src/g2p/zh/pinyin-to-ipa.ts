// One pinyin syllable with its tone number ("zhong1", "lü4", "men0") → Kokoro v1.0's Mandarin phonemes, as
// misaki's v1.0 front-end writes them (its pinyin-to-IPA table, then tones as arrows: 1 →, 2 ↗, 3 ↓, 4 ↘,
// neutral none; syllabic ɻ̩/ɹ̩ as ɨ; no non-syllabic marks). The tone goes after the vowel, before a nasal coda.

const INITIALS: ReadonlyArray<readonly [string, string]> = [
  ["zh", "ꭧ"], ["ch", "ꭧʰ"], ["sh", "ʂ"],
  ["b", "p"], ["p", "pʰ"], ["m", "m"], ["f", "f"], ["d", "t"], ["t", "tʰ"], ["n", "n"], ["l", "l"],
  ["g", "k"], ["k", "kʰ"], ["h", "x"], ["j", "ʨ"], ["q", "ʨʰ"], ["x", "ɕ"], ["r", "ɻ"], ["z", "ʦ"], ["c", "ʦʰ"], ["s", "s"],
];

/** Finals in their full (strict) spelling; `|` marks where the tone goes. */
const FINALS: Readonly<Record<string, string>> = {
  a: "a|", ai: "ai|", an: "a|n", ang: "a|ŋ", ao: "au|", e: "ɤ|", ei: "ei|", en: "ə|n", eng: "ə|ŋ", er: "ɚ|",
  i: "i|", ia: "ja|", ian: "jɛ|n", iang: "ja|ŋ", iao: "jau|", ie: "je|", in: "i|n", iou: "jou|", ing: "i|ŋ",
  iong: "jʊ|ŋ", ong: "ʊ|ŋ", ou: "ou|", u: "u|", uei: "wei|", ua: "wa|", uai: "wai|", uan: "wa|n", uen: "wə|n",
  uang: "wa|ŋ", ueng: "wə|ŋ", uo: "wo|", o: "wo|", ü: "y|", üe: "ɥe|", üan: "ɥɛ|n", ün: "y|n", io: "jɔ|", ê: "ɛ|",
};

/** Whole syllables that are not initial + final: interjections and syllabic nasals. */
const WHOLE: Readonly<Record<string, string>> = { er: "ɚ|", o: "ɔ|", ê: "ɛ|", io: "jɔ|", m: "m|", n: "n|", ng: "ŋ|", hm: "hm|", hng: "hŋ|" };

const TONES = ["", "→", "↗", "↓", "↘", ""] as const;

/** The final written after y/w or with a shortened spelling, in its full form (yu → ü, gui → uei, jun → ün). */
function strictFinal(initial: string, rest: string): string {
  if (initial === "y") {
    if (rest.startsWith("u")) return "ü" + rest.slice(1);
    if (rest === "i" || rest === "in" || rest === "ing") return rest;
    return "i" + rest;
  }
  if (initial === "w") return rest === "u" ? "u" : "u" + rest;
  if ((initial === "j" || initial === "q" || initial === "x") && rest.startsWith("u")) return "ü" + rest.slice(1);
  if (rest === "iu") return "iou";
  if (rest === "ui") return "uei";
  if (rest === "un") return "uen";
  return rest;
}

/**
 * The phonemes of one syllable, or undefined when it is not Mandarin pinyin. `syllable` is lower case, `v` or
 * `ü` for ü, with the tone digit last (0 or 5 for neutral, or none).
 */
export function pinyinToKokoro(syllable: string): string | undefined {
  const m = /^([a-zü]+?)([0-5]?)$/u.exec(syllable.replaceAll("v", "ü"));
  if (m === null) return undefined;
  const base = m[1]!;
  const tone = TONES[Number(m[2] === "" ? 5 : m[2])]!;
  const whole = WHOLE[base];
  if (whole !== undefined) return whole.replace("|", tone);
  let initial = "";
  let ipa = "";
  if (base.startsWith("y") || base.startsWith("w")) initial = base[0]!;
  else {
    const found = INITIALS.find(([p]) => base.startsWith(p));
    if (found !== undefined) [initial, ipa] = found;
  }
  const rest = base.slice(initial.length);
  const final = strictFinal(initial, rest);
  let body = FINALS[final];
  if (body === undefined) return undefined;
  // zhi chi shi ri, zi ci si: the "i" is a syllabic consonant, written ɨ as misaki does.
  if (final === "i" && ["zh", "ch", "sh", "r", "z", "c", "s"].includes(initial)) body = "ɨ|";
  return ipa + body.replace("|", tone);
}
