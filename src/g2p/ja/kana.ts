// Kana → Kokoro's Japanese phonemes, as misaki's v1.0 Japanese front-end (its cutlet adaptation) writes them:
// one table entry per mora, small kana combining with the one before (きゃ kʲa, ふぁ ɸa), っ as ʔ, ー as ː,
// and ん assimilated to what follows (m before m/p/b, ŋ before k/ɡ, ɲ before ɲ/ʨ/ʥ, n before n/t/d/ɾ/z, else ɴ).

/** Rows of the hiragana syllabary: the kana in a-i-u-e-o order and their phonemes. */
const ROWS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["あいうえお", ["a", "i", "ɯ", "e", "o"]],
  ["ぁぃぅぇぉ", ["a", "i", "ɯ", "e", "o"]],
  ["かきくけこ", ["ka", "kʲi", "kɯ", "ke", "ko"]],
  ["がぎぐげご", ["ɡa", "ɡʲi", "ɡɯ", "ɡe", "ɡo"]],
  ["さしすせそ", ["sa", "ɕi", "sɨ", "se", "so"]],
  ["ざじずぜぞ", ["ʣa", "ʥi", "zɨ", "ʣe", "ʣo"]],
  ["たちつてと", ["ta", "ʨi", "ʦɨ", "te", "to"]],
  ["だぢづでど", ["da", "ʥi", "zɨ", "de", "do"]],
  ["なにぬねの", ["na", "ɲi", "nɯ", "ne", "no"]],
  ["はひふへほ", ["ha", "çi", "ɸɯ", "he", "ho"]],
  ["ばびぶべぼ", ["ba", "bʲi", "bɯ", "be", "bo"]],
  ["ぱぴぷぺぽ", ["pa", "pʲi", "pɯ", "pe", "po"]],
  ["まみむめも", ["ma", "mʲi", "mɯ", "me", "mo"]],
  ["らりるれろ", ["ɾa", "ɾʲi", "ɾɯ", "ɾe", "ɾo"]],
];
const SINGLES: Readonly<Record<string, string>> = {
  や: "ja", ゆ: "jɯ", よ: "jo", ゃ: "ja", ゅ: "jɯ", ょ: "jo", わ: "βa", ゎ: "βa", ゐ: "i", ゑ: "e", を: "o",
  ゔ: "vɯ", ゕ: "ka", ゖ: "ke", ヷ: "va", ヸ: "vʲi", ヹ: "ve", ヺ: "vo",
};
/** Two-kana morae whose reading is not the rule below (onset of the first + vowel of the second). */
const PAIRS: Readonly<Record<string, string>> = {
  いぇ: "je", うぃ: "βi", うぇ: "βe", うぉ: "βo",
  くぁ: "kᵝa", くぃ: "kᵝi", くぇ: "kᵝe", くぉ: "kᵝo", ぐぁ: "ɡᵝa", ぐぃ: "ɡᵝi", ぐぇ: "ɡᵝe", ぐぉ: "ɡᵝo",
  つぁ: "ʦa", つぃ: "ʦʲi", つぇ: "ʦe", つぉ: "ʦo", てぃ: "tʲi", てゅ: "tʲɨ", でぃ: "dʲi", でゅ: "dʲɨ", とぅ: "tɯ", どぅ: "dɯ",
  ふぁ: "ɸa", ふぃ: "ɸʲi", ふぇ: "ɸe", ふぉ: "ɸo", ふゅ: "ɸʲɨ", ふょ: "ɸʲo",
  ゔぁ: "va", ゔぃ: "vʲi", ゔぇ: "ve", ゔぉ: "vo", ゔゅ: "bʲɨ", ゔょ: "bʲo",
};
const SMALL = new Set([..."ゃゅょぁぃぅぇぉ"]);
/** ゃ ゅ ょ ぇ after an i-row kana: the kana's onset and this vowel (きゃ kʲa, しゅ ɕɨ, ちぇ ʨe). */
const GLIDE_VOWEL: Readonly<Record<string, string>> = { ゃ: "a", ゅ: "ɨ", ょ: "o", ぇ: "e" };

const TABLE = new Map<string, string>();
for (const [kana, phonemes] of ROWS) [...kana].forEach((k, i) => TABLE.set(k, phonemes[i]!));
for (const [k, v] of Object.entries(SINGLES)) TABLE.set(k, v);
for (const [kana] of ROWS.slice(2)) {
  const i = [...kana][1]!; // the i-row kana: き し ち に ひ み り and their voiced forms
  const onset = TABLE.get(i)!.slice(0, -1);
  for (const [small, vowel] of Object.entries(GLIDE_VOWEL)) TABLE.set(i + small, onset + vowel);
}
for (const [k, v] of Object.entries(PAIRS)) TABLE.set(k, v);

/** Katakana (and half-width forms already made full-width by NFKC) as hiragana; other characters unchanged. */
export function toHiragana(text: string): string {
  return text.replace(/[\u30A1-\u30F6]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

/** Whether the table can read this character (a kana, ー, or an iteration mark). */
export function isKana(ch: string): boolean {
  return TABLE.has(ch) || ch === "ー" || ch === "っ" || ch === "ん" || ch === "ゝ" || ch === "ゞ";
}

function nasal(next: string | undefined): string {
  const p = next === undefined ? undefined : TABLE.get(next);
  if (p === undefined) return "ɴ";
  if ("mpb".includes(p[0]!)) return "m";
  if ("kɡ".includes(p[0]!)) return "ŋ";
  if (p.startsWith("ɲ") || p.startsWith("ʨ") || p.startsWith("ʥ")) return "ɲ";
  if ("ntdɾz".includes(p[0]!)) return "n";
  return "ɴ";
}

const VOICED: Readonly<Record<string, string>> = Object.fromEntries([..."かきくけこさしすせそたちつてとはひふへほ"].map((k, i) => [k, "がぎぐげござじずぜぞだぢづでどばびぶべぼ"[i]!]));

/** A word's reading (hiragana or katakana) as phonemes; characters the table does not know are left out. */
export function kanaToPhonemes(reading: string): string {
  const kana = [...toHiragana(reading)];
  let out = "";
  for (let i = 0; i < kana.length; i++) {
    const prev = kana[i - 1];
    const k = kana[i]!;
    const next = kana[i + 1];
    if (k === "ゝ" || k === "ゞ") {
      const base = prev === undefined ? undefined : k === "ゞ" ? VOICED[prev] : prev;
      out += base === undefined ? "" : (TABLE.get(base) ?? "");
    } else if (prev !== undefined && TABLE.has(prev + k)) out += TABLE.get(prev + k)!;
    else if (next !== undefined && TABLE.has(k + next)) continue;
    else if (next !== undefined && SMALL.has(next)) out += k === "っ" ? "" : (TABLE.get(k)?.slice(0, -1) ?? "") + TABLE.get(next)!;
    else if (SMALL.has(k)) continue;
    else if (k === "ー") out += "ː";
    else if (k === "っ") out += "ʔ";
    else if (k === "ん") out += nasal(next);
    else out += TABLE.get(k) ?? "";
  }
  return out;
}
