// espeak-ng's IPA for es, fr-fr, hi, it and pt-br → the symbols Kokoro v1.0 was trained on for them. This is
// what misaki's `EspeakG2P` does (misaki/espeak.py): only multi-letter phonemes, which espeak prints joined by a
// tie character (`--tie=^`), become single symbols; everything else (length ː, stress ˈˌ, nasal tilde, r ʁ ɾ,
// ʎ ɲ, aspiration ʰ) is kept as espeak writes it, and what the vocabulary lacks is dropped, as Kokoro's tokenizer
// drops it.
import { KOKORO_VOCAB } from "../vocab.js";

/** The tie espeak-ng is asked to join multi-letter phonemes with (`--tie=^`). */
export const TIE = "^";

/** Tied phonemes with a Kokoro symbol of their own (misaki's E2M). The rest just lose the tie. */
const TIED: ReadonlyArray<readonly [string, string]> = [
  ["a^ɪ", "I"],
  ["a^ʊ", "W"],
  ["d^z", "ʣ"],
  ["d^ʒ", "ʤ"],
  ["e^ɪ", "A"],
  ["o^ʊ", "O"],
  ["ə^ʊ", "Q"],
  ["s^s", "S"],
  ["t^s", "ʦ"],
  ["t^ʃ", "ʧ"],
  ["ɔ^ɪ", "Y"],
];

/**
 * espeak's language-switch flags around a word it reads in another language, e.g. `(en)wiːkˈɛnd(fr)` (with the
 * tie inside: `(^e^n)`): the flags go, the word's phonemes stay (phonemizer's `language_switch="remove-flags"`).
 */
const LANGUAGE_FLAG = /\([a-z^-]{2,12}\)/gu;

/** One line of espeak-ng `--ipa --tie=^` output → Kokoro phonemes: single spaces between words. */
export function ipaToKokoro(ipa: string): string {
  let out = ipa.replace(LANGUAGE_FLAG, "");
  for (const [from, to] of TIED) out = out.replaceAll(from, to);
  // Remaining ties go; so do espeak's hyphens (misaki: "not sure what they mean"; they mark clitic joins).
  out = out.replaceAll(TIE, "").replaceAll("-", "");
  let kept = "";
  for (const ch of out) {
    if (/\s/u.test(ch)) kept += " ";
    else if (KOKORO_VOCAB.has(ch)) kept += ch;
  }
  return kept.replace(/ {2,}/gu, " ").trim();
}
