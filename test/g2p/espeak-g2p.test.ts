import { describe, it, expect, beforeAll, afterAll } from "vitest";
import fc from "fast-check";
import { EspeakG2P } from "../../src/g2p/espeak-g2p.js";
import { unknownSymbols } from "../../src/g2p/vocab.js";
import type { EnglishLang } from "../../src/text/lang.js";

// misaki's English symbols for Kokoro v1.0 (as in espeak-to-misaki.test.ts), plus punctuation.
const PUNCTUATION = ';:,.!?—…"()“” ';
const ALLOWED: Readonly<Record<EnglishLang, ReadonlySet<string>>> = {
  "en-us": new Set([..."AIOWYbdfhijklmnpstuvwzæðŋɑɔəɛɜɡɪɹʃʊʌʒʤʧˈˌθᵊᵻT", ...PUNCTUATION]),
  "en-gb": new Set([..."AIQWYabdfhijklmnpstuvwzðŋɑɒɔəɛɜɡɪɹʃʊʌʒʤʧˈˌːθᵊT", ...PUNCTUATION]),
};

/**
 * Outputs observed from phonemizer 1.2.1 through our mapping. Words misaki's gold lexicons have
 * (hello, world, butter, little, button, square) match them after misaki's v1.0 ɾ → T, ʔ → t.
 */
const OBSERVED: ReadonlyArray<readonly [EnglishLang, string, string]> = [
  ["en-us", "Hello world", "həlˈO wˈɜɹld"],
  ["en-gb", "Hello world", "həlˈQ wˈɜːld"],
  // US flap → T; ɚ → əɹ; the linking r before "is" is not doubled.
  ["en-us", "The butter is better.", "ðə bˈʌTəɹ ɪz bˈɛTəɹ."],
  ["en-gb", "The butter is better.", "ðə bˈʌtəɹ ɪz bˈɛtə."],
  // US glottal stop + syllabic n → tn; British syllabic n → ᵊn; syllabic l → ᵊl.
  ["en-us", "Did you get the bottle? It's a little button!", "dˈɪd ju ɡɛt ðə bˈɑTᵊl? ɪts ə lˈɪTᵊl bˈʌtn!"],
  ["en-gb", "Did you get the bottle? It's a little button!", "dˈɪd juː ɡɛt ðə bˈɒtᵊl? ɪts ə lˈɪtᵊl bˈʌtᵊn!"],
  // Diphthongs and affricates; British square and near vowels.
  ["en-us", "Judge the choice of my house by its square.", "ʤˈʌʤ ðə ʧˈYs ʌv mI hˈWs bI ɪts skwˈɛɹ."],
  ["en-gb", "Judge the choice of my house by its square.", "ʤˈʌʤ ðə ʧˈYs ɒv mI hˈWs bI ɪts skwˈɛː."],
];

describe("EspeakG2P with real espeak", () => {
  const g2p = new EspeakG2P();
  beforeAll(() => g2p.warmUp());
  afterAll(() => g2p.close());

  it.each(OBSERVED)("%s %j → %s", async (lang, text, expected) => {
    expect(await g2p.phonemize(text, lang)).toBe(expected);
  });

  it("keeps punctuation in place", async () => {
    expect(await g2p.phonemize('He said: "no" (really) — fine… ok; yes!', "en-us")).toBe(
      'hi sˈɛd: "nˈO" (ɹˈiəli) — fˈIn… ˌOkˈA; jˈɛs!',
    );
  });

  it("returns an empty string for text without words", async () => {
    expect(await g2p.phonemize("", "en-us")).toBe("");
    expect(await g2p.phonemize("  \n ", "en-gb")).toBe("");
    expect(await g2p.phonemize("...", "en-gb")).toBe("...");
  });

  for (const lang of ["en-us", "en-gb"] as const) {
    it(`prints only Kokoro vocabulary (and misaki's ${lang} symbols) for any ASCII text`, async () => {
      const ascii = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 });
      await fc.assert(
        fc.asyncProperty(ascii, async (text) => {
          const out = await g2p.phonemize(text, lang);
          expect(unknownSymbols(out)).toEqual([]);
          expect([...out].filter((ch) => !ALLOWED[lang].has(ch))).toEqual([]);
          expect(out).not.toMatch(/ {2}|^ | $/u);
        }),
        { numRuns: 100 },
      );
    });
  }

  it("answers repeated text from the cache, without a worker round trip", async () => {
    const text = "A sentence that nobody else in this file phonemizes.";
    const before = g2p.stats();
    const first = await g2p.phonemize(text, "en-us");
    const afterFirst = g2p.stats();
    const second = await g2p.phonemize(text, "en-us");
    const afterSecond = g2p.stats();
    expect(second).toBe(first);
    expect(afterFirst.workerCalls).toBe(before.workerCalls + 1);
    expect(afterSecond.workerCalls).toBe(afterFirst.workerCalls);
    expect(afterSecond.cacheHits).toBe(afterFirst.cacheHits + 1);
    // The key includes the language.
    await g2p.phonemize(text, "en-gb");
    expect(g2p.stats().workerCalls).toBe(afterSecond.workerCalls + 1);
  });

  it("sends identical calls in flight to the worker once", async () => {
    const text = "Two callers ask for the same words at once.";
    const before = g2p.stats().workerCalls;
    const [a, b] = await Promise.all([g2p.phonemize(text, "en-us"), g2p.phonemize(text, "en-us")]);
    expect(a).toBe(b);
    expect(g2p.stats().workerCalls).toBe(before + 1);
  });

  it("keeps the main thread's event loop ticking while espeak works", async () => {
    const sentence = (i: number) => `Sentence number ${i} talks about weather, rivers, mountains and ${i * 7} cities.`;
    const long = Array.from({ length: 60 }, (_, i) => sentence(i)).join(" ");
    let last = performance.now();
    let maxGap = 0;
    let ticks = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
      ticks++;
    }, 5);
    const start = performance.now();
    await g2p.phonemize(long, "en-us");
    const elapsed = performance.now() - start;
    clearInterval(timer);
    // Run on this thread, espeak would allow no tick at all during the call (gap ≈ elapsed).
    expect(ticks).toBeGreaterThan(3);
    expect(maxGap).toBeLessThan(elapsed / 3);
  });
});
