// Loads languages' front-ends one after another, in the background (after start-up, see preloadLanguages), so a
// request's first sentence in a language finds it ready. Each load runs in small steps (the Japanese dictionary:
// ja/stepwise-dictionary.ts; espeak-ng: a child process), so the requests served meanwhile are held ~0.1 s at most,
// and a request for the language being loaded waits for that same load (each engine loads once).
import { setImmediate as nextTurn } from "node:timers/promises";
import { LANGS, type Lang } from "../text/lang.js";

/** Which languages' front-ends are ready, for /status. */
export interface LanguageLoadState {
  /** Ready: a request in these pays no loading. */
  readonly loaded: readonly Lang[];
  /** Being loaded in the background now. */
  readonly loading: Lang | null;
  /** Still to be loaded in the background, in order. */
  readonly queued: readonly Lang[];
  /** Cannot be read here (es/fr-fr/hi/it/pt-br without espeak-ng): a request gets a 400 naming what to install. */
  readonly unavailable: readonly Lang[];
}

/** What the background loader needs of the G2P (LanguageRouterG2P). */
export interface LoadableLanguages {
  /** Loads one language's front-end (shared with any request that needs it meanwhile). */
  load(lang: Lang): Promise<void>;
  /** Ready and unavailable languages so far. */
  languages(): { readonly loaded: readonly Lang[]; readonly unavailable: readonly Lang[] };
}

export class BackgroundLanguageLoader {
  private loading: Lang | null = null;
  private queued: Lang[] = [];
  private running: Promise<void> | null = null;

  /** `onChange` is called whenever a load starts or ends. */
  constructor(
    private readonly target: LoadableLanguages,
    private readonly onChange: () => void = () => undefined,
  ) {}

  /**
   * Loads `langs` one at a time, skipping those already loaded; a language that cannot load (espeak-ng missing, a
   * failed start) is skipped quietly: its requests load it, or fail, as they would without this. Runs once: a
   * second call returns the first run.
   */
  run(langs: readonly Lang[]): Promise<void> {
    this.running ??= this.loadAll(langs);
    return this.running;
  }

  /** Loads nothing more (the load under way, if any, runs to its end). */
  stop(): void {
    this.queued = [];
  }

  state(): LanguageLoadState {
    const { loaded, unavailable } = this.target.languages();
    return { loaded: inOrder(loaded), loading: this.loading, queued: [...this.queued], unavailable: inOrder(unavailable) };
  }

  private async loadAll(langs: readonly Lang[]): Promise<void> {
    this.queued = [...new Set(langs)];
    this.onChange();
    while (this.queued.length > 0) {
      const lang = this.queued.shift()!;
      if (!this.target.languages().loaded.includes(lang)) {
        this.loading = lang;
        this.onChange();
        await this.target.load(lang).catch(() => undefined);
        this.loading = null;
      }
      this.onChange();
      await nextTurn(); // requests that came in during the load go first
    }
  }
}

function inOrder(langs: readonly Lang[]): Lang[] {
  return LANGS.filter((l) => langs.includes(l));
}
