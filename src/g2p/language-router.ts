// One G2P for every language: English through misaki, es/fr-fr/hi/it/pt-br through espeak-ng, Japanese through
// kuromoji (ja/), Mandarin through pinyin-pro (zh/); never a silent English reading.
import { isEnglish, type Lang } from "../text/lang.js";
import { EspeakNgG2P } from "./espeak-ng/espeak-ng-g2p.js";
import { isEspeakNgLang } from "./espeak-ng/languages.js";
import { JaG2P } from "./ja/ja-g2p.js";
import type { G2P, PhonemeToken } from "./types.js";
import { ZhG2P } from "./zh/zh-g2p.js";

/** The English G2P as the router needs it. */
export interface EnglishG2P extends G2P {
  warmUp(): Promise<void>;
}

export class LanguageRouterG2P implements G2P {
  readonly name: string;
  private readonly ja: JaG2P;
  private readonly zh: ZhG2P;

  constructor(
    private readonly english: EnglishG2P,
    private readonly espeakNg: EspeakNgG2P,
  ) {
    this.name = english.name;
    // Latin words inside Japanese or Chinese text are read as English (as misaki's later front-ends do).
    this.ja = new JaG2P({ latin: english });
    this.zh = new ZhG2P({ latin: english });
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
   * Loads the English lexicons and starts espeak-ng or loads the Japanese dictionary for the languages named
   * (those of the configured default voice, say); a language warmed here costs its first request nothing.
   */
  async warmUp(langs: readonly Lang[] = []): Promise<void> {
    const espeak = langs.filter(isEspeakNgLang);
    await Promise.all([
      this.english.warmUp(),
      espeak.length > 0 ? this.espeakNg.warmUp(espeak) : undefined,
      langs.includes("ja") ? this.ja.warmUp() : undefined,
      langs.includes("zh") ? this.zh.warmUp() : undefined,
    ]);
  }

  async close(): Promise<void> {
    await Promise.all([this.english.close(), this.espeakNg.close()]);
  }

  private engine(lang: Lang): G2P {
    if (isEnglish(lang)) return this.english;
    if (isEspeakNgLang(lang)) return this.espeakNg;
    return lang === "ja" ? this.ja : this.zh;
  }
}
