// One G2P for every language: English through misaki, es/fr-fr/hi/it/pt-br through espeak-ng, Japanese through
// kuromoji (ja/), Mandarin through pinyin-pro (zh/); never a silent English reading.
import { isEnglish, type EnglishLang, type Lang } from "../text/lang.js";
import type { LoadableLanguages } from "./background-languages.js";
import { EspeakNgG2P } from "./espeak-ng/espeak-ng-g2p.js";
import { isEspeakNgLang } from "./espeak-ng/languages.js";
import { JaG2P } from "./ja/ja-g2p.js";
import { LanguageUnavailableError } from "./language-errors.js";
import type { G2P, PhonemeToken } from "./types.js";
import { ZhG2P } from "./zh/zh-g2p.js";

/** The English G2P as the router needs it. */
export interface EnglishG2P extends G2P {
  /** Loads the lexicons of the dialects listed. */
  warmUp(langs: readonly EnglishLang[]): Promise<void>;
}

export class LanguageRouterG2P implements G2P, LoadableLanguages {
  readonly name: string;
  private readonly ja: JaG2P;
  private readonly zh: ZhG2P;
  /** Languages whose front-end has loaded (by warm-up, load() or a request), and those that cannot load here. */
  private readonly ready = new Set<Lang>();
  private readonly missing = new Set<Lang>();

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
    return this.noting(lang, () => this.engine(lang).phonemize(text, lang));
  }

  tokens(text: string, lang: Lang): Promise<PhonemeToken[]> {
    return this.noting(lang, () => this.engine(lang).tokens(text, lang));
  }

  stats(): { readonly fallbackWords: number } {
    return { fallbackWords: this.english.stats?.().fallbackWords ?? 0 };
  }

  /**
   * Loads the English lexicons and starts espeak-ng or loads the Japanese dictionary for the languages named
   * (those of the configured default voice, say); a language warmed here costs its first request nothing.
   */
  /**
   * Loads the front-ends of `langs` before the first request. English is always warmed: the dialects listed, else
   * American (the other dialect's lexicon loads when first needed, or in the background).
   */
  async warmUp(langs: readonly Lang[] = []): Promise<void> {
    const espeak = langs.filter(isEspeakNgLang);
    const listed = langs.filter(isEnglish);
    const english: readonly EnglishLang[] = listed.length > 0 ? listed : ["en-us"];
    await Promise.all([
      this.english.warmUp(english),
      espeak.length > 0 ? this.espeakNg.warmUp(espeak) : undefined,
      langs.includes("ja") ? this.ja.warmUp() : undefined,
      langs.includes("zh") ? this.zh.warmUp() : undefined,
    ]);
    for (const lang of [...english, ...langs]) this.ready.add(lang);
  }

  /**
   * Loads one language's front-end now (background loading): starts its espeak-ng, loads the Japanese dictionary.
   * A request that needs the language meanwhile waits for this same load; nothing loads twice.
   */
  load(lang: Lang): Promise<void> {
    return this.noting(lang, async () => {
      if (isEnglish(lang)) await this.english.warmUp([lang]);
      else if (isEspeakNgLang(lang)) await this.espeakNg.warmUp([lang]);
      else await (lang === "ja" ? this.ja : this.zh).warmUp();
    });
  }

  /** The languages loaded so far, and those that cannot be read here (espeak-ng missing). */
  languages(): { readonly loaded: readonly Lang[]; readonly unavailable: readonly Lang[] } {
    return { loaded: [...this.ready], unavailable: [...this.missing] };
  }

  async close(): Promise<void> {
    await Promise.all([this.english.close(), this.espeakNg.close()]);
  }

  /** Runs `work` for `lang`, noting the language as loaded when it succeeds and as unavailable when it cannot run. */
  private async noting<T>(lang: Lang, work: () => Promise<T>): Promise<T> {
    try {
      const value = await work();
      this.ready.add(lang);
      return value;
    } catch (err) {
      if (err instanceof LanguageUnavailableError) this.missing.add(lang);
      throw err;
    }
  }

  private engine(lang: Lang): G2P {
    if (isEnglish(lang)) return this.english;
    if (isEspeakNgLang(lang)) return this.espeakNg;
    return lang === "ja" ? this.ja : this.zh;
  }
}
