// The G2P the pipeline uses: for English misaki's lexicons and rules (src/g2p/misaki/), with espeak-ng in a
// worker for the words they do not know; for es, fr-fr, hi, it and pt-br the system espeak-ng (src/g2p/espeak-ng/).
import type { Lang } from "../text/lang.js";
import { EspeakG2P, type EspeakG2POptions } from "./espeak-g2p.js";
import { EspeakNgG2P, type EspeakNgG2POptions } from "./espeak-ng/espeak-ng-g2p.js";
import { LanguageRouterG2P } from "./language-router.js";
import { MisakiG2P } from "./misaki/misaki-g2p.js";
import { UserLexicon } from "./misaki/user-lexicon.js";
import type { G2P } from "./types.js";

export type { G2P, PhonemeToken } from "./types.js";
export { EspeakG2P, type EspeakG2POptions } from "./espeak-g2p.js";
export { MisakiG2P, joinTokens, type MisakiG2POptions } from "./misaki/misaki-g2p.js";
export { InvalidPhonemesError } from "./misaki/errors.js";
export { assertInlinePhonemes } from "./misaki/inline.js";
export { UserLexicon, parseUserLexicon } from "./misaki/user-lexicon.js";
export { LexiconStore, LEXICON_FILES } from "./misaki/lexicon.js";
export { LanguageUnavailableError } from "./language-errors.js";
export { EspeakNgG2P, type EspeakNgG2POptions } from "./espeak-ng/espeak-ng-g2p.js";
export { LanguageRouterG2P } from "./language-router.js";

export interface G2POptions {
  /** Directory holding misaki's us_gold.json, us_silver.json, gb_gold.json and gb_silver.json. */
  readonly lexiconDir: string;
  /** The user's pronunciation file (see misaki/user-lexicon.ts for the format); optional. */
  readonly userLexiconPath?: string;
  /** Options of the espeak-ng fallback for unknown words. */
  readonly espeak?: EspeakG2POptions;
  /** Options of the system espeak-ng that reads es, fr-fr, hi, it and pt-br. */
  readonly espeakNg?: EspeakNgG2POptions;
}

/** A G2P that can also do its slow start-up ahead of the first request. */
export interface WarmableG2P extends G2P {
  /** Loads what English needs, and starts the front-ends of `langs` too (English is always warmed). */
  warmUp(langs?: readonly Lang[]): Promise<void>;
}

export function createG2P(options: G2POptions): LanguageRouterG2P {
  const english = new MisakiG2P({
    lexicons: options.lexiconDir,
    fallback: new EspeakG2P(options.espeak),
    ...(options.userLexiconPath === undefined ? {} : { userLexicon: new UserLexicon(options.userLexiconPath) }),
  });
  return new LanguageRouterG2P(english, new EspeakNgG2P(options.espeakNg));
}
