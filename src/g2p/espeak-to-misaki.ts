// espeak-ng IPA (as the `phonemizer` package prints it, without tie bars) → misaki's English symbols
// for Kokoro v1.0. The mapping follows the table misaki's own espeak fallback applies (see
// ../shared/reference/kokoro-internals.md §5.7); the differences come from phonemizer printing no
// tie bars, so a diphthong is recognised by its two letters.
import type { EnglishLang } from "../text/lang.js";
import { KOKORO_VOCAB } from "./vocab.js";

type Table = ReadonlyArray<readonly [from: string, to: string]>;

const SYLLABIC = "\u0329"; // combining vertical line below: n̩, l̩, m̩
const NASAL = "\u0303"; // combining tilde: ɑ̃ in French loans

/** Rewrites for both dialects. */
const COMMON: Table = [
  // A glottal stop before a syllabic n keeps a plain n ("button" bˈʌʔn̩ → bˈʌtn, as misaki).
  [`ʔˌn${SYLLABIC}`, "tn"],
  [`ʔn${SYLLABIC}`, "tn"],
  ["aɪ", "I"],
  ["aʊ", "W"],
  ["eɪ", "A"],
  ["e", "A"],
  ["ɔɪ", "Y"],
  ["dʒ", "ʤ"],
  ["tʃ", "ʧ"],
  ["ʲ", ""], // palatalisation before a vowel was already turned into `j`
  ["ɚ", "əɹ"],
  ["r", "ɹ"],
  ["x", "k"],
  ["ç", "k"],
  ["ɐ", "ə"],
  ["ɬ", "l"],
  [NASAL, ""],
  // Kokoro v1.0 was trained on misaki output with these two replaced (misaki `version != "2.0"`).
  ["ɾ", "T"],
  ["ʔ", "t"],
  // Old espeak's bare `o`; the diphthong `oʊ` (US) is matched first as the longer key.
  ["o", "ɔ"],
];

const US: Table = [
  ["oʊ", "O"],
  ["ɜːɹ", "ɜɹ"],
  ["ɜː", "ɜɹ"],
  ["ɪə", "iə"],
  ["ː", ""],
  // Not in misaki's American set; espeak's `en-us` voice does not print them alone, but be safe.
  ["a", "æ"],
  ["ɒ", "ɑ"],
];

const GB: Table = [
  ["eə", "ɛː"],
  ["iə", "ɪə"],
  ["əʊ", "Q"],
  // Not in misaki's British set; espeak's `en` voice does not print them today, but be safe.
  ["æ", "a"],
  ["ᵻ", "ɪ"],
];

/** One table per dialect, longest keys first so that `eɪ` wins over `e` and `ɜːɹ` over `ɜː`. */
function compile(table: Table): Table {
  return [...table].sort((a, b) => [...b[0]].length - [...a[0]].length);
}

const TABLES: Readonly<Record<EnglishLang, Table>> = {
  "en-us": compile([...COMMON, ...US]),
  "en-gb": compile([...COMMON, ...GB]),
};

const VOWELS = "aeiouæɐɑɒɔəɚɛɜɪʊʌᵻAIOQWY";
const STRESS = "ˈˌ";

/** Any consonant but ɹ (misaki keeps a full ə in "-ral"). */
const CONSONANT = `[^${VOWELS}${STRESS}ːɹ\\s]`;

// espeak prints its syllabic l and n as a plain `əl`, `ən` (no tie bars from phonemizer); misaki
// writes `ᵊl`, `ᵊn` there. We recognise them by context: after a consonant, before no vowel. The
// consonants that qualify were chosen by comparing espeak with misaki's gold lexicons: US misaki
// keeps a full ə in "-tion" and after most consonants before n, British misaki uses ᵊn after them.
const SYLLABIC_SCHWA: Readonly<Record<EnglishLang, readonly RegExp[]>> = {
  "en-us": [syllabicSchwa("l", CONSONANT), syllabicSchwa("n", "[tdsz]")],
  "en-gb": [syllabicSchwa("l", CONSONANT), syllabicSchwa("n", CONSONANT)],
};

function syllabicSchwa(consonant: "l" | "n", after: string): RegExp {
  // Only after an earlier vowel of the same word: a first syllable ("than" ðən) is not syllabic.
  const before = `(?<=[${VOWELS}]\\S*${after})`;
  return new RegExp(`${before}ə(?=${consonant}(?![${VOWELS}${STRESS}ː${consonant}]))`, "gu");
}

/** Palatalised consonant before a vowel (`nʲə` in "Bologna"): the glide becomes a `j`. */
const PALATAL_GLIDE = new RegExp(`ʲ(?=[${VOWELS}])`, "gu");

/** Remaining syllabic marks: `n̩` → `ᵊn` (the mark moves in front as a small schwa). */
const SYLLABIC_MARK = new RegExp(`(\\S)${SYLLABIC}`, "gu");

function applyTable(ipa: string, table: Table): string {
  let out = "";
  let i = 0;
  outer: while (i < ipa.length) {
    for (const [from, to] of table) {
      if (ipa.startsWith(from, i)) {
        out += to;
        i += from.length;
        continue outer;
      }
    }
    const ch = String.fromCodePoint(ipa.codePointAt(i) ?? 0);
    out += ch;
    i += ch.length;
  }
  return out;
}

function keepVocab(phonemes: string): string {
  let out = "";
  for (const ch of phonemes) if (KOKORO_VOCAB.has(ch)) out += ch;
  return out;
}

/**
 * Maps one espeak IPA string onto misaki's symbols for `lang`. Whitespace runs become single spaces;
 * anything still outside the Kokoro vocabulary after the mapping is dropped.
 */
export function espeakToMisaki(ipa: string, lang: EnglishLang): string {
  const tabled = applyTable(ipa.replace(PALATAL_GLIDE, "j"), TABLES[lang]);
  // English has no double r; espeak's linking r ("butter is" ɚɹ) and ɜː → ɜɹ before r make one.
  let syllabic = tabled.replace(/ɹɹ+/gu, "ɹ").replace(SYLLABIC_MARK, "ᵊ$1");
  for (const re of SYLLABIC_SCHWA[lang]) syllabic = syllabic.replace(re, "ᵊ");
  return keepVocab(syllabic.replace(/\s+/gu, " ").trim());
}
