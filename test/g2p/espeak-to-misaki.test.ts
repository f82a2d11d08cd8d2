import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { espeakToMisaki } from "../../src/g2p/espeak-to-misaki.js";
import { unknownSymbols } from "../../src/g2p/vocab.js";
import type { EnglishLang } from "../../src/text/lang.js";

// misaki's English symbols for Kokoro v1.0 (§5.6 of the reference; ɾ and ʔ are sent as T and t).
const MISAKI_SYMBOLS: Readonly<Record<EnglishLang, string>> = {
  "en-us": "AIOWYbdfhijklmnpstuvwzæðŋɑɔəɛɜɡɪɹʃʊʌʒʤʧˈˌθᵊᵻT",
  "en-gb": "AIQWYabdfhijklmnpstuvwzðŋɑɒɔəɛɜɡɪɹʃʊʌʒʤʧˈˌːθᵊT",
};

/** [espeak IPA as phonemizer prints it, expected misaki]; most inputs are real phonemizer output. */
const US_CASES: ReadonlyArray<readonly [string, string]> = [
  ["həlˈoʊ wˈɜːld", "həlˈO wˈɜɹld"], // oʊ → O, ɜː → ɜɹ
  ["ˈeɪt bˈaɪ bˈɔɪ nˈaʊ", "ˈAt bˈI bˈY nˈW"], // one-letter diphthongs
  ["dʒˈʌdʒ tʃˈɜːtʃ", "ʤˈʌʤ ʧˈɜɹʧ"], // affricates
  ["bˈʌɾɚ wˈɔːɾɚ", "bˈʌTəɹ wˈɔTəɹ"], // flap → T, ɚ → əɹ, length dropped
  ["bˈʌʔn̩ kˈɪʔn̩", "bˈʌtn kˈɪtn"], // glottal stop + syllabic n
  ["stˈɛʔn", "stˈɛtn"], // a bare glottal stop → t
  ["bɹɪʔˈn̩ɪk", "bɹɪtˈᵊnɪk"], // other syllabic marks become a small schwa
  ["bˈɑːɾəl lˈɪɾəl", "bˈɑTᵊl lˈɪTᵊl"], // syllabic l
  ["əlˈɔŋ", "əlˈɔŋ"], // ə + l before a vowel stays
  ["tˈoʊɾəli", "tˈOTəli"], // ...also inside a word
  ["ˈæbsənt ˈeɪʃən", "ˈæbsᵊnt ˈAʃən"], // US: ᵊn after s, a full ə in "-tion"
  ["ðən", "ðən"], // a first syllable is never syllabic
  ["fˈaɪɚ ˈaʊɚ", "fˈIəɹ ˈWəɹ"],
  ["bˈʌɾɚɹ ɪz", "bˈʌTəɹ ɪz"], // linking r: one ɹ
  ["ɹˈoʊzᵻz ɐbˈaʊt", "ɹˈOzᵻz əbˈWt"], // ᵻ kept, ɐ → ə
  ["ˈælbɪən", "ˈælbiən"], // US ɪə → iə
  ["ˈɑːlboːɹɡ", "ˈɑlbɔɹɡ"], // bare o → ɔ
  ["kˈɜːrɡɪz", "kˈɜɹɡɪz"], // r → ɹ, and no double ɹ
  ["bˈɑːx ɬænˈɛli lˈɪxtənstˌaɪn", "bˈɑk lænˈɛli lˈɪktᵊnstˌIn"], // x, ɬ
  ["kwˈɑːsɑ̃", "kwˈɑsɑ"], // nasal tilde dropped
  ["bəlˈoʊnʲə", "bəlˈOnjə"], // palatalised n before a vowel
  ["ˌæɾəljˈe", "ˌæTᵊljˈA"], // bare e → A (and misaki's gold "atelier" exactly)
];

const GB_CASES: ReadonlyArray<readonly [string, string]> = [
  ["həlˈəʊ wˈɜːld", "həlˈQ wˈɜːld"], // əʊ → Q, length kept
  ["ˈeɪt bˈaɪ bˈɔɪ nˈaʊ", "ˈAt bˈI bˈY nˈW"],
  ["dʒˈʌdʒ tʃˈɜːtʃ", "ʤˈʌʤ ʧˈɜːʧ"],
  ["bˈʌtə wˈɔːtə", "bˈʌtə wˈɔːtə"],
  ["skwˈeə nˌiə kjˈʊə", "skwˈɛː nˌɪə kjˈʊə"], // eə → ɛː, iə → ɪə
  ["bˈʌtən ˈeɪʃən", "bˈʌtᵊn ˈAʃᵊn"], // British ᵊn after consonants
  ["bˈɒtəl hˈapi", "bˈɒtᵊl hˈapi"], // a and ɒ are British symbols
  ["ɹˈəʊzɪz ɐbˈaʊt", "ɹˈQzɪz əbˈWt"],
  ["tolkˈiːnˈɛsk", "tɔlkˈiːnˈɛsk"],
  ["ɹˈaɪx", "ɹˈIk"],
];

describe("espeakToMisaki", () => {
  it.each(US_CASES)("en-us %s → %s", (ipa, expected) => {
    expect(espeakToMisaki(ipa, "en-us")).toBe(expected);
  });

  it.each(GB_CASES)("en-gb %s → %s", (ipa, expected) => {
    expect(espeakToMisaki(ipa, "en-gb")).toBe(expected);
  });

  it("collapses whitespace and trims", () => {
    expect(espeakToMisaki("  hˈaɪ \n ðˈɛɹ  ", "en-us")).toBe("hˈI ðˈɛɹ");
  });

  it("drops symbols outside the Kokoro vocabulary", () => {
    expect(espeakToMisaki("ɫ̴ʍhˈaɪ", "en-us")).toBe("hˈI");
  });

  // Every symbol phonemizer printed for ~80k words of misaki's gold lexicons, plus diacritics.
  const ESPEAK_SYMBOLS = [..."ˈˌɪətnslakɹːdimpɛʊbɒefʃʌɡzuvɔŋʒjwɐhɑɜθðrxɬʲoæɚɾᵻʔç \u0303\u0329"];

  for (const lang of ["en-us", "en-gb"] as const) {
    it(`maps any string of espeak's symbols onto misaki's ${lang} set`, () => {
      const allowed = new Set([...MISAKI_SYMBOLS[lang], " "]);
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...ESPEAK_SYMBOLS), { maxLength: 40 }), (symbols) => {
          const out = espeakToMisaki(symbols.join(""), lang);
          expect(unknownSymbols(out)).toEqual([]);
          expect([...out].filter((ch) => !allowed.has(ch))).toEqual([]);
        }),
        { numRuns: 500 },
      );
    });
  }
});
