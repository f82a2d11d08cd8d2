// `npm run bench -- g2p [--lang LANG] [--lexicon-dir DIR]`: for English, per-sentence latency and words per
// second of the misaki G2P versus raw espeak-ng (phonemizer's `phonemize()` on this thread), cold and
// warm, in one process. For the other languages (es fr-fr hi it pt-br through espeak-ng, ja through kuromoji, zh
// through pinyin-pro) see `g2pLanguage` below: the first call after start-up and the per-sentence time. Warm sentences are ones neither side has seen: the first 20 of the corpus
// warm both up, the rest are measured once each ("first sight"), then again ("repeat", cached).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { EspeakG2P } from "../src/g2p/espeak-g2p.js";
import { LexiconStore } from "../src/g2p/misaki/lexicon.js";
import { MisakiG2P } from "../src/g2p/misaki/misaki-g2p.js";
import { createG2P } from "../src/g2p/index.js";
import { parseLang } from "../src/pipeline/request.js";
import { isEnglish, type EnglishLang, type Lang } from "../src/text/lang.js";
import { machine, summarize } from "./stats.js";

const CORPUS = new URL("./data/g2p-sentences.txt", import.meta.url);
const DEFAULT_LEXICONS = fileURLToPath(new URL("../../shared/data/misaki", import.meta.url));
const WARM_UP = 20;

const ESPEAK_VOICE: Record<EnglishLang, string> = { "en-us": "en-us", "en-gb": "en" };
const wordCount = (s: string): number => s.split(/\s+/u).filter(Boolean).length;
const round = (x: number): number => Math.round(x * 1000) / 1000;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

export async function g2p(argv: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args: argv,
    options: { lang: { type: "string", default: "en-us" }, "lexicon-dir": { type: "string", default: DEFAULT_LEXICONS } },
  });
  const chosen = parseLang(values.lang) ?? "en-us";
  if (!isEnglish(chosen)) return g2pLanguage(chosen, values["lexicon-dir"]);
  const lang = chosen;
  const sentences = readFileSync(CORPUS, "utf8").split("\n").map((s) => s.trim()).filter(Boolean);
  const measured = sentences.slice(WARM_UP);
  const words = measured.reduce((n, s) => n + wordCount(s), 0);

  // Cold misaki: lexicon load, then the first sentence (its unknown words start the espeak worker).
  const lexiconDir = values["lexicon-dir"];
  const store = new LexiconStore(lexiconDir);
  const [, lexiconLoadMs] = await timed(() => store.get(lang));
  const espeakFallback = new EspeakG2P();
  const misaki = new MisakiG2P({ lexicons: store, fallback: espeakFallback });
  // warmUp() below loads both dialects; give it the same directory.
  const first = sentences[0] ?? "";
  const [, misakiColdMs] = await timed(() => misaki.tokens(first, lang));
  const [, misakiSecondMs] = await timed(() => misaki.tokens(sentences[1] ?? "", lang));

  // Cold espeak on this thread: module import, then the first call (WASM start-up).
  const [phonemizer, importMs] = await timed(() => import("phonemizer"));
  const [, espeakColdMs] = await timed(() => phonemizer.phonemize(first, ESPEAK_VOICE[lang]));

  await misaki.warmUp();
  for (const s of sentences.slice(0, WARM_UP)) {
    await misaki.tokens(s, lang);
    await phonemizer.phonemize(s, ESPEAK_VOICE[lang]);
  }

  const run = async (): Promise<{ misaki: number[]; espeak: number[]; fallbackWords: number }> => {
    const m: number[] = [];
    const e: number[] = [];
    const before = misaki.stats().fallbackWords;
    for (const s of measured) {
      // Alternate so that drift on a shared machine hits both sides alike.
      m.push((await timed(() => misaki.tokens(s, lang)))[1]);
      e.push((await timed(() => phonemizer.phonemize(s, ESPEAK_VOICE[lang])))[1]);
    }
    return { misaki: m, espeak: e, fallbackWords: misaki.stats().fallbackWords - before };
  };
  const firstSight = await run();
  const repeat = await run();
  await misaki.close();

  const report = (r: { misaki: number[]; espeak: number[]; fallbackWords: number }): Record<string, unknown> => {
    const m = summarize(r.misaki);
    const e = summarize(r.espeak);
    const mTotal = r.misaki.reduce((a, b) => a + b, 0);
    const eTotal = r.espeak.reduce((a, b) => a + b, 0);
    return {
      misakiMs: m,
      espeakMs: e,
      speedupMedian: round(e.median / m.median),
      speedupP95: round(e.p95 / m.p95),
      misakiWordsPerSecond: Math.round((words / mTotal) * 1000),
      espeakWordsPerSecond: Math.round((words / eTotal) * 1000),
      // Words misaki sent to its fallback (espeak's cache answers repeats).
      misakiFallbackWords: r.fallbackWords,
    };
  };

  return {
    bench: "g2p",
    lang,
    machine: machine(),
    corpus: { sentences: sentences.length, warmUp: WARM_UP, measured: measured.length, words },
    cold: {
      misakiLexiconLoadMs: round(lexiconLoadMs),
      misakiFirstSentenceMs: round(misakiColdMs),
      misakiSecondSentenceMs: round(misakiSecondMs),
      misakiFirstIncludingLexiconMs: round(lexiconLoadMs + misakiColdMs),
      espeakImportMs: round(importMs),
      espeakFirstSentenceMs: round(espeakColdMs),
      speedupFirstSentence: round(espeakColdMs / misakiColdMs),
    },
    warmFirstSight: report(firstSight),
    warmRepeat: report(repeat),
    note: "misaki runs unknown words through espeak in its worker (cached); espeak is phonemizer's phonemize() on this thread",
  };
}

/** The golden sentences of a language other than English (the test corpus: ≥ 40 everyday sentences). */
function languageCorpus(lang: Lang): string[] {
  const file = lang === "ja" || lang === "zh" ? `../test/g2p/${lang}/golden.tsv` : `../test/g2p/espeak-ng/golden/${lang}.tsv`;
  return readFileSync(new URL(file, import.meta.url), "utf8")
    .split("\n")
    .map((line) => line.split("\t")[0]!.trim())
    .filter(Boolean);
}

/**
 * One language's front-end as a request meets it: the first sentence after start-up (espeak-ng's process start, or
 * the Japanese dictionary load: what a request pays when the language was not warmed), the second, and every
 * sentence warm (each measured once, then again), with the process's memory growth.
 */
async function g2pLanguage(lang: Lang, lexiconDir: string): Promise<Record<string, unknown>> {
  const sentences = languageCorpus(lang);
  const g2p = createG2P({ lexiconDir });
  try {
    await g2p.warmUp(); // English only: what every server has warm
    const rssBefore = process.memoryUsage().rss;
    const [, firstMs] = await timed(() => g2p.tokens(sentences[0]!, lang));
    const rssAfterFirst = process.memoryUsage().rss;
    const [, secondMs] = await timed(() => g2p.tokens(sentences[1]!, lang));
    const pass = async (): Promise<number[]> => {
      const times: number[] = [];
      for (const s of sentences) times.push((await timed(() => g2p.tokens(s, lang)))[1]);
      return times;
    };
    const firstSight = await pass();
    const repeat = await pass();
    const chars = sentences.reduce((n, s) => n + [...s].length, 0);
    const total = repeat.reduce((a, b) => a + b, 0);
    return {
      bench: "g2p",
      lang,
      machine: machine(),
      corpus: { sentences: sentences.length, characters: chars },
      cold: { firstSentenceMs: round(firstMs), secondSentenceMs: round(secondMs), rssGrowthMB: Math.round((rssAfterFirst - rssBefore) / 1e6) },
      warmFirstPass: summarize(firstSight),
      warmRepeat: summarize(repeat),
      charactersPerSecond: Math.round((chars / total) * 1000),
      note: "first sentence = the cost of a language not warmed at start-up (the server warms the default voice's)",
    };
  } finally {
    await g2p.close();
  }
}
