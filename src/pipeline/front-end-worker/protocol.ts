import { isEnglish, langFromCode, type Lang } from "../../text/lang.js";
import type { NormalizationSwitches } from "../../text/normalization-options.js";

/** What a front-end worker is started with. */
export interface FrontEndWorkerData {
  readonly lexiconDir: string;
  readonly userLexiconPath?: string;
  /** Languages besides English whose front-end starts with the worker (the default voice's), not on first use. */
  readonly warmLangs?: readonly Lang[];
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
 * each voice's prefix letter, English aside (always warm). A preset name or an unknown prefix warms nothing more.
 */
export function warmLangsFor(defaultVoice: string): Lang[] {
  const langs = new Set<Lang>();
  for (const m of defaultVoice.matchAll(/(?:^|[+\s])([a-z])[fm]_/gu)) {
    const lang = langFromCode(m[1]!);
    if (lang !== undefined && !isEnglish(lang)) langs.add(lang);
  }
  return [...langs];
}
