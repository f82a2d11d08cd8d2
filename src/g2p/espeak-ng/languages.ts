import type { Lang } from "../../text/lang.js";

/** The languages Kokoro reads through espeak-ng, as misaki does. */
export type EspeakNgLang = "es" | "fr-fr" | "hi" | "it" | "pt-br";

/** espeak-ng's voice for each (the ones misaki and Kokoro's pipeline name). */
export const ESPEAK_NG_VOICES: Readonly<Record<EspeakNgLang, string>> = { es: "es", "fr-fr": "fr-fr", hi: "hi", it: "it", "pt-br": "pt-br" };

export const ESPEAK_NG_LANGS = Object.keys(ESPEAK_NG_VOICES) as readonly EspeakNgLang[];

export function isEspeakNgLang(lang: Lang): lang is EspeakNgLang {
  return Object.hasOwn(ESPEAK_NG_VOICES, lang);
}
