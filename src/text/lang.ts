/**
 * The languages Kokoro-82M v1.0 speaks, one per voice prefix (a b e f h i j p z). English is read by misaki's
 * rules and lexicons (src/g2p/misaki/); es, fr-fr, hi, it and pt-br by espeak-ng (src/g2p/espeak-ng/); ja and zh
 * by their own front-ends (src/g2p/ja/, src/g2p/zh/); `frontEndOf` says which serves each language.
 */
export type Lang = "en-us" | "en-gb" | "es" | "fr-fr" | "hi" | "it" | "ja" | "pt-br" | "zh";

/** The two languages the English front-end (normalizer rules, misaki) reads. */
export type EnglishLang = "en-us" | "en-gb";

export const LANGS: readonly Lang[] = ["en-us", "en-gb", "es", "fr-fr", "hi", "it", "ja", "pt-br", "zh"];
export const ENGLISH_LANGS: readonly EnglishLang[] = ["en-us", "en-gb"];

export function isEnglish(lang: Lang): lang is EnglishLang {
  return lang === "en-us" || lang === "en-gb";
}

/** How each language is named to people (`/v1/audio/voices`, the playground). */
export const LANG_NAMES: Readonly<Record<Lang, string>> = {
  "en-us": "English (US)",
  "en-gb": "English (UK)",
  es: "Spanish",
  "fr-fr": "French",
  hi: "Hindi",
  it: "Italian",
  ja: "Japanese",
  "pt-br": "Portuguese (Brazil)",
  zh: "Mandarin Chinese",
};

/** Every spelling `lang` accepts (lower case, `-` for `_`): our codes, short forms and Kokoro's one-letter codes. */
const CODES: ReadonlyMap<string, Lang> = new Map<string, Lang>([
  ["en", "en-us"], ["en-us", "en-us"], ["a", "en-us"],
  ["en-gb", "en-gb"], ["b", "en-gb"],
  ["es", "es"], ["e", "es"],
  ["fr", "fr-fr"], ["fr-fr", "fr-fr"], ["f", "fr-fr"],
  ["hi", "hi"], ["h", "hi"],
  ["it", "it"], ["i", "it"],
  ["ja", "ja"], ["j", "ja"],
  ["pt", "pt-br"], ["pt-br", "pt-br"], ["p", "pt-br"],
  ["zh", "zh"], ["cmn", "zh"], ["z", "zh"],
]);

/** The accepted spellings, for error messages: our codes, then the short forms, then Kokoro's letters. */
export const LANG_CODES: readonly string[] = [...LANGS, "en", "fr", "pt", "cmn", ..."abefhijpz"];

/** A language code as a client may write it (`fr`, `FR_fr`, `f`), or undefined when it names none. */
export function langFromCode(code: string): Lang | undefined {
  return CODES.get(code.trim().toLowerCase().replaceAll("_", "-"));
}
