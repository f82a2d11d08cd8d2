import { execFileSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { findEspeakNg } from "../../../src/g2p/espeak-ng/binary.js";
import type { LanguageLoadState } from "../../../src/g2p/background-languages.js";
import { WorkerFrontEnd } from "../../../src/pipeline/front-end-worker/handle.js";
import { preloadLangsFor } from "../../../src/pipeline/front-end-worker/protocol.js";
import type { Lang } from "../../../src/text/lang.js";
import { MISAKI_DIR } from "../../helpers/paths.js";

const EN = { lang: "en-us", codeBlocks: "skip" } as const;
const JA = { lang: "ja", codeBlocks: "skip" } as const;

describe("the languages loaded in the background (preloadLanguages)", () => {
  it("are every other language for background, none for lazy, and those listed otherwise", () => {
    // British English first (one lexicon, ~0.4 s); American English is warmed at start-up when no dialect is.
    expect(preloadLangsFor("background")).toEqual(["en-gb", "ja", "zh", "es", "fr-fr", "hi", "it", "pt-br"]);
    expect(preloadLangsFor("background", ["en-gb"])).toEqual(["en-us", "ja", "zh", "es", "fr-fr", "hi", "it", "pt-br"]);
    expect(preloadLangsFor("background", ["ja"])).not.toContain("ja");
    expect(preloadLangsFor("lazy", [])).toEqual([]);
    expect(preloadLangsFor(["ja", "en-gb", "zh", "ja"], ["zh"])).toEqual(["ja", "en-gb"]);
  });
});

describe("background loading in the front-end worker", () => {
  let frontEnd: WorkerFrontEnd | undefined;
  afterEach(async () => {
    await frontEnd?.close();
    frontEnd = undefined;
  });

  const started = async (preloadLangs: Lang[]): Promise<WorkerFrontEnd> => {
    frontEnd = new WorkerFrontEnd({ lexiconDir: MISAKI_DIR, preloadLangs });
    await frontEnd.warmUp();
    return frontEnd;
  };
  const languages = (f: WorkerFrontEnd): LanguageLoadState | undefined => f.stats().languages;
  /** Waits (polling the handle, which the worker keeps told) until `done` holds of the worker's language state. */
  const until = async (f: WorkerFrontEnd, done: (s: LanguageLoadState) => boolean): Promise<number> => {
    for (;;) {
      const state = languages(f);
      if (state !== undefined && done(state)) return performance.now();
      await new Promise((r) => setTimeout(r, 2));
    }
  };

  it("answers an English request while the Japanese dictionary loads, long before that load ends", async () => {
    const f = await started(["ja"]);
    const loadStart = performance.now();
    f.loadLanguagesInBackground();
    await until(f, (s) => s.loading === "ja");
    const sent = performance.now();
    const english = await f.phonemize("Hello there, how are you today?", EN);
    const englishMs = performance.now() - sent;
    const answeredDuringLoad = languages(f)!.loading === "ja";
    const loadMs = (await until(f, (s) => s.loaded.includes("ja"))) - loadStart;
    expect(english.phonemes).toContain("həlˈO");
    // Answered while Japanese was still loading, not queued behind the whole load (~2–5 s).
    expect(answeredDuringLoad).toBe(true);
    expect(englishMs).toBeLessThan(loadMs * 0.25);
    expect(languages(f)).toEqual({ loaded: ["en-us", "ja"], loading: null, queued: [], unavailable: [] });
  }, 60_000);

  it("lets a Japanese request that comes during the load wait for it, then read the text", async () => {
    const f = await started(["ja"]);
    f.loadLanguagesInBackground();
    await until(f, (s) => s.loading === "ja");
    const japanese = await f.phonemize("東京に行きます。", JA);
    expect(japanese.phonemes).toBe("toːkʲoː ɲi ikʲimasɨ.");
    // The request used the background load rather than a second one: once it is answered, the load is done too.
    await until(f, (s) => s.loading === null);
    expect(languages(f)!.loaded).toContain("ja");
  }, 60_000);

  it("loads nothing in the background when there is nothing to preload (lazy)", async () => {
    const f = await started(preloadLangsFor("lazy"));
    f.loadLanguagesInBackground();
    await f.phonemize("Hello.", EN); // a round trip: a preload message, had one been sent, would be handled by now
    expect(languages(f)).toEqual({ loaded: ["en-us"], loading: null, queued: [], unavailable: [] });
  }, 60_000);

  it.runIf(process.platform === "linux" && findEspeakNg() !== null)("ends the espeak-ng processes it started when it is closed", async () => {
    const espeakChildren = (): number => execFileSync("ps", ["--ppid", String(process.pid), "-o", "comm="], { encoding: "utf8" }).split("\n").filter((c) => c.includes("espeak")).length;
    const before = espeakChildren();
    const f = await started(["es", "it"]);
    f.loadLanguagesInBackground();
    await until(f, (s) => s.loaded.includes("es") && s.loaded.includes("it"));
    expect(espeakChildren()).toBe(before + 2);
    await f.close();
    frontEnd = undefined;
    await expect.poll(espeakChildren, { timeout: 10_000 }).toBe(before); // killed, then reaped
  }, 60_000);

  it("lists a language as loaded once a request has loaded it on first use", async () => {
    const f = await started([]);
    await f.phonemize("你好。", { lang: "zh", codeBlocks: "skip" });
    expect(languages(f)!.loaded).toEqual(["en-us", "zh"]);
  }, 60_000);
});
