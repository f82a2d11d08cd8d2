// One G2P for every language: English through misaki, es/fr-fr/hi/it/pt-br through espeak-ng, and a clear
// LanguageUnavailableError for a language with no front-end here (ja, zh), never a silent English reading.
import { isEnglish, LANG_NAMES, type Lang } from "../text/lang.js";
import { EspeakNgG2P } from "./espeak-ng/espeak-ng-g2p.js";
import { isEspeakNgLang } from "./espeak-ng/languages.js";
import { LanguageUnavailableError } from "./language-errors.js";
import type { G2P, PhonemeToken } from "./types.js";

/** The English G2P as the router needs it. */
export interface EnglishG2P extends G2P {
  warmUp(): Promise<void>;
}

export class LanguageRouterG2P implements G2P {
  readonly name: string;

  constructor(
    private readonly english: EnglishG2P,
    private readonly espeakNg: EspeakNgG2P,
  ) {
    this.name = english.name;
  }

  phonemize(text: string, lang: Lang): Promise<string> {
    return this.engine(lang).phonemize(text, lang);
  }

  tokens(text: string, lang: Lang): Promise<PhonemeToken[]> {
    return this.engine(lang).tokens(text, lang);
  }

  stats(): { readonly fallbackWords: number } {
    return { fallbackWords: this.english.stats?.().fallbackWords ?? 0 };
  }

  /**
   * Loads the English lexicons and starts espeak-ng for the languages named (those of the configured default
   * voice, say); a language warmed here costs its first request nothing.
   */
  async warmUp(langs: readonly Lang[] = []): Promise<void> {
    const espeak = langs.filter(isEspeakNgLang);
    await Promise.all([this.english.warmUp(), espeak.length > 0 ? this.espeakNg.warmUp(espeak) : undefined]);
  }

  async close(): Promise<void> {
    await Promise.all([this.english.close(), this.espeakNg.close()]);
  }

  private engine(lang: Lang): G2P {
    if (isEnglish(lang)) return this.english;
    if (isEspeakNgLang(lang)) return this.espeakNg;
    throw new LanguageUnavailableError(lang, `${LANG_NAMES[lang]} (${lang}) is not supported yet: this server has no ${LANG_NAMES[lang]} front-end; read the text with another language's voice, or see the README's Languages section`);
  }
}
