// misaki's English symbol classes (../shared/data/misaki/EN_PHONES.md and reference §5.6).

export const PRIMARY = "ˈ";
export const SECONDARY = "ˌ";
export const STRESSES = PRIMARY + SECONDARY;

/** Vowel symbols of both dialects; a stress mark always sits right before one of these. */
export const VOWELS: ReadonlySet<string> = new Set("AIOQWYaiuæɑɒɔəɛɜɪʊʌᵻ");
export const CONSONANTS: ReadonlySet<string> = new Set("bdfhjklmnpstvwzðŋɡɹɾʃʒʤʧθTʔ");

/** Diphthongs and affricates weigh 2 when compound parts compete for stress. */
const HEAVY: ReadonlySet<string> = new Set("AIOQWYʤʧ");

/** Symbols after which a US `t` flaps before a vowel-initial suffix (misaki's US_TAUS). */
export const US_TAUS: ReadonlySet<string> = new Set("AIOWYiuæɑəɛɪɹʊʌ");

/** Punctuation Kokoro knows; all but the quotes make the next word's context "nothing follows". */
export const KOKORO_PUNCTUATION = ';:,.!?—…"()“”';
export const NON_QUOTE_PUNCTUATION: ReadonlySet<string> = new Set(";:,.!?—…");

/** Every symbol a lexicon entry of each dialect uses (plus `ɐ` from the special cases). */
export const US_PHONEMES: ReadonlySet<string> = new Set("AIOWYbdfhijklmnpstuvwzæðŋɑɔəɛɜɡɪɹɾʃʊʌʒʤʧˈˌθᵊᵻʔɐ");
export const GB_PHONEMES: ReadonlySet<string> = new Set("AIQWYabdfhijklmnpstuvwzðŋɑɒɔəɛɜɡɪɹʃʊʌʒʤʧˈˌːθᵊɐ");

export function stressWeight(phonemes: string): number {
  let weight = 0;
  for (const ch of phonemes) weight += HEAVY.has(ch) ? 2 : 1;
  return weight;
}

export function hasVowel(phonemes: string): boolean {
  for (const ch of phonemes) if (VOWELS.has(ch)) return true;
  return false;
}
