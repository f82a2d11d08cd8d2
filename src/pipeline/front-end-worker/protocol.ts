import type { LanguageLoadState } from "../../g2p/background-languages.js";
import { isEnglish, langFromCode, type Lang } from "../../text/lang.js";
import type { NormalizationSwitches } from "../../text/normalization-options.js";

/** What a front-end worker is started with. */
export interface FrontEndWorkerData {
  readonly lexiconDir: string;
  readonly userLexiconPath?: string;
  /** Languages besides English whose front-end starts with the worker (the default voice's), not on first use. */
  readonly warmLangs?: readonly Lang[];
  /** Languages loaded one at a time in the background once the handle says so (after start-up): preloadLangsFor. */
  readonly preloadLangs?: readonly Lang[];
}

/** Handle → worker: start loading `preloadLangs` in the background (no answer; progress comes as LanguagesMessage). */
export interface PreloadMessage {
  readonly preload: true;
}

/**
 * Handle → worker before it is terminated: stop background loading and close the G2P (espeak-ng's children belong
 * to the process, not the thread, and would outlive it); the worker answers `{ closed: true }`.
 */
export interface CloseMessage {
  readonly close: true;
}

/** Worker → handle, whenever it changes: which languages are loaded (for /status). */
export interface LanguagesMessage {
  readonly languages: LanguageLoadState;
}

export function isLanguagesMessage(value: unknown): value is LanguagesMessage {
  return typeof value === "object" && value !== null && typeof (value as { languages?: unknown }).languages === "object";
}

export type FrontEndOp = "pieces" | "head" | "normalize" | "phonemize" | "sentence-ends" | "warm-up";

export interface FrontEndRequest {
  readonly id: number;
  readonly op: FrontEndOp;
  readonly text: string;
  readonly lang: Lang;
  readonly codeBlocks: "skip" | "read";
  readonly normalization?: NormalizationSwitches;
}

export type FrontEndResponse =
  | { readonly id: number; readonly ok: true; readonly value: unknown; readonly fallbackWords: number }
  | { readonly id: number; readonly ok: false; readonly error: { readonly name: string; readonly message: string; readonly symbol?: string } };

export function isFrontEndResponse(value: unknown): value is FrontEndResponse {
  return typeof value === "object" && value !== null && typeof (value as { id?: unknown }).id === "number" && typeof (value as { ok?: unknown }).ok === "boolean";
}

/**
 * The languages to warm for a default voice written as a voice id or blend (`jf_alpha`, `zf_xiaobei(2)+af_sky`):
 * each voice's prefix letter (American or British English among them). English is always warm: with no English
 * dialect listed (a preset name, an unknown prefix, `jf_alpha`), American.
 */
export function warmLangsFor(defaultVoice: string): Lang[] {
  const langs = new Set<Lang>();
  for (const m of defaultVoice.matchAll(/(?:^|[+\s])([a-z])[fm]_/gu)) {
    const lang = langFromCode(m[1]!);
    if (lang !== undefined) langs.add(lang);
  }
  return [...langs];
}

/**
 * The languages "background" loads, costliest first: Japanese (its dictionary: ~0.5 s, the one a first request
 * would feel most), Mandarin, then espeak-ng's five (a child process each, ~0.1–0.4 s). A request for a language
 * still queued loads it at once itself, as without background loading.
 */
const BACKGROUND_ORDER: readonly Lang[] = ["en-gb", "en-us", "ja", "zh", "es", "fr-fr", "hi", "it", "pt-br"];

/**
 * The languages to load in the background after start-up for the `preloadLanguages` setting: every one
 * ("background"), none ("lazy"), or those listed (in their order). English and the languages warmed at start-up
 * (`warmLangs`) are already loaded.
 */
export function preloadLangsFor(setting: "background" | "lazy" | readonly Lang[], warmLangs: readonly Lang[] = []): Lang[] {
  const langs = setting === "background" ? BACKGROUND_ORDER : setting === "lazy" ? [] : setting;
  const english = warmLangs.some(isEnglish) ? [] : ["en-us"]; // warmed without being listed
  return [...new Set(langs)].filter((lang) => !warmLangs.includes(lang) && !english.includes(lang));
}
