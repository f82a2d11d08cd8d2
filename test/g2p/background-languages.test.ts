import { afterEach, describe, expect, it } from "vitest";
import { BackgroundLanguageLoader, type LoadableLanguages } from "../../src/g2p/background-languages.js";
import { EspeakNgG2P } from "../../src/g2p/espeak-ng/espeak-ng-g2p.js";
import { LanguageUnavailableError } from "../../src/g2p/language-errors.js";
import { LanguageRouterG2P, type EnglishG2P } from "../../src/g2p/language-router.js";
import type { Lang } from "../../src/text/lang.js";

/** Languages that load when told to, one promise each, recording how many load at once. */
class FakeLanguages implements LoadableLanguages {
  readonly loaded = new Set<Lang>(["en-us"]);
  readonly unavailable = new Set<Lang>();
  readonly order: Lang[] = [];
  atOnce = 0;
  mostAtOnce = 0;

  constructor(private readonly missing: readonly Lang[] = []) {}

  async load(lang: Lang): Promise<void> {
    this.order.push(lang);
    this.mostAtOnce = Math.max(this.mostAtOnce, ++this.atOnce);
    await new Promise((r) => setTimeout(r, 5));
    this.atOnce--;
    if (this.missing.includes(lang)) {
      this.unavailable.add(lang);
      throw new LanguageUnavailableError(lang, "install espeak-ng");
    }
    this.loaded.add(lang);
  }

  languages(): { loaded: Lang[]; unavailable: Lang[] } {
    return { loaded: [...this.loaded], unavailable: [...this.unavailable] };
  }
}

describe("BackgroundLanguageLoader", () => {
  it("loads the languages one at a time, in order, skipping those already loaded", async () => {
    const target = new FakeLanguages();
    target.loaded.add("zh");
    const seen: Array<Lang | null> = [];
    const loader = new BackgroundLanguageLoader(target, () => seen.push(loader.state().loading));
    await loader.run(["es", "zh", "ja"]);
    expect(target.order).toEqual(["es", "ja"]);
    expect(target.mostAtOnce).toBe(1);
    expect(seen).toContain("es");
    expect(seen).toContain("ja");
    expect(loader.state()).toEqual({ loaded: ["en-us", "es", "ja", "zh"], loading: null, queued: [], unavailable: [] });
  });

  it("shows what is still queued while it loads", async () => {
    const target = new FakeLanguages();
    const states: string[] = [];
    const loader = new BackgroundLanguageLoader(target, () => states.push(`${loader.state().loading}|${loader.state().queued.join(",")}`));
    await loader.run(["es", "it", "ja"]);
    expect(states).toContain("es|it,ja");
    expect(states).toContain("it|ja");
    expect(states).toContain("ja|");
  });

  it("skips a language that cannot load (espeak-ng missing) quietly and goes on with the next", async () => {
    const target = new FakeLanguages(["es", "fr-fr"]);
    const loader = new BackgroundLanguageLoader(target);
    await expect(loader.run(["es", "fr-fr", "ja"])).resolves.toBeUndefined();
    expect(loader.state()).toEqual({ loaded: ["en-us", "ja"], loading: null, queued: [], unavailable: ["es", "fr-fr"] });
  });

  it("runs once: a second call is the same run", async () => {
    const target = new FakeLanguages();
    const loader = new BackgroundLanguageLoader(target);
    const first = loader.run(["ja"]);
    expect(loader.run(["ja", "zh"])).toBe(first);
    await first;
    expect(target.order).toEqual(["ja"]);
  });
});

describe("LanguageRouterG2P.load and languages()", () => {
  const english: EnglishG2P = {
    name: "fake-english",
    phonemize: async () => "",
    tokens: async () => [],
    close: async () => undefined,
    warmUp: async () => undefined,
  };
  const savedPath = process.env.PATH;
  afterEach(() => {
    process.env.PATH = savedPath;
  });

  it("notes an espeak-ng language as unavailable when espeak-ng is missing, and Mandarin as loaded", async () => {
    process.env.PATH = ""; // espeak-ng is looked up on PATH when a language first needs it
    const router = new LanguageRouterG2P(english, new EspeakNgG2P());
    await expect(router.load("es")).rejects.toBeInstanceOf(LanguageUnavailableError);
    await router.load("zh");
    expect(router.languages()).toEqual({ loaded: ["zh"], unavailable: ["es"] });
    // A request for it is still the clear error it always was.
    await expect(router.tokens("Hola.", "es")).rejects.toThrow(/espeak-ng/);
    await router.close();
  });

  it("counts English and the warmed languages as loaded after warm-up", async () => {
    const router = new LanguageRouterG2P(english, new EspeakNgG2P());
    await router.warmUp(["zh"]);
    expect([...router.languages().loaded].sort()).toEqual(["en-us", "zh"]);
    await router.close();
  });
});
