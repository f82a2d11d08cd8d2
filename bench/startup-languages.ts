// `npm run bench -- startup --languages [--model light]`: the first request of each language after start-up, with
// the other languages loaded in the background (preloadLanguages "background", the default) and with each loaded on
// its first use ("lazy"), and what each costs in memory. Every (mode, language) gets a fresh `kokoro serve` (English
// default voice), and one request of that language (POST /dev/phonemize, the front-end alone) is sent the moment
// /health turns 200; with background loading it is sent again once everything has loaded. One more background start
// times short English requests sent every 50 ms while the other languages load (what the loading costs them).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { LanguageLoadState } from "../src/g2p/background-languages.js";
import type { Lang } from "../src/text/lang.js";
import { CLI, MISAKI_DIR, VOICES_DIR } from "../test/helpers/paths.js";
import { listeningUrl, untilReady } from "../test/helpers/serve-process.js";
import { espeakChildrenRss } from "./espeak-children.js";
import { machine, summarize } from "./stats.js";

const LANGS: readonly Lang[] = ["es", "fr-fr", "hi", "it", "pt-br", "zh", "ja"];
type Mode = "background" | "lazy";
const round = (x: number): number => Math.round(x * 10) / 10;
const mb = (bytes: number): number => Math.round(bytes / 1e6);

/** The first golden sentence of a language (the tests' corpus). */
function sentenceOf(lang: Lang): string {
  const file = lang === "ja" || lang === "zh" ? `../test/g2p/${lang}/golden.tsv` : `../test/g2p/espeak-ng/golden/${lang}.tsv`;
  return readFileSync(new URL(file, import.meta.url), "utf8").split("\n")[0]!.split("\t")[0]!.trim();
}

interface Server {
  readonly url: string;
  readonly pid: number;
  stop(): void;
}

async function serve(model: string, mode: Mode, home: string): Promise<Server> {
  const proc = spawn(process.execPath, [CLI, "serve", "--port", "0", "--model", model, "--voices", VOICES_DIR, "--lexicons", MISAKI_DIR, "--device", "cpu"], {
    env: { ...process.env, KOKORO_HOME: home, XDG_CONFIG_HOME: home, KOKORO_WORKERS: "1", KOKORO_LOG_LEVEL: "warn", KOKORO_PRELOAD_LANGUAGES: mode, KOKORO_DEFAULT_VOICE: "af_heart" },
  });
  let stderr = "";
  proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const url = await listeningUrl(proc, () => stderr);
  await untilReady(url, () => stderr, 300_000);
  return { url, pid: proc.pid!, stop: () => proc.kill("SIGKILL") };
}

async function phonemizeMs(url: string, input: string, lang: Lang): Promise<number> {
  const start = performance.now();
  const res = await fetch(`${url}/dev/phonemize`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ input, lang }) });
  if (!res.ok) throw new Error(`/dev/phonemize ${lang}: ${res.status} ${await res.text()}`);
  await res.json();
  return performance.now() - start;
}

async function status(url: string): Promise<{ rss: number; languages: LanguageLoadState | undefined }> {
  const body = (await (await fetch(`${url}/status`)).json()) as { memory: { rss_bytes: number }; g2p?: { languages?: LanguageLoadState } };
  return { rss: body.memory.rss_bytes, languages: body.g2p?.languages };
}

async function untilLoaded(url: string): Promise<{ ms: number; rss: number; languages: LanguageLoadState | undefined }> {
  const start = performance.now();
  for (;;) {
    const s = await status(url);
    if (s.languages !== undefined && s.languages.loading === null && s.languages.queued.length === 0) return { ms: performance.now() - start, ...s };
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startupLanguages(model: string, modelName: string): Promise<Record<string, unknown>> {
  const home = mkdtempSync(path.join(os.tmpdir(), "kokoro-startup-langs-"));
  const withServer = async <T>(mode: Mode, fn: (s: Server) => Promise<T>): Promise<T> => {
    const server = await serve(model, mode, home);
    try {
      return await fn(server);
    } finally {
      server.stop();
    }
  };
  try {
    const perLanguage: Record<string, unknown> = {};
    for (const lang of LANGS) {
      const input = sentenceOf(lang);
      const background = await withServer("background", async ({ url, pid }) => {
        const firstMs = await phonemizeMs(url, input, lang);
        const loaded = await untilLoaded(url);
        const afterLoadMs = await phonemizeMs(url, input, lang);
        return { firstRequestAtReadyMs: round(firstMs), afterBackgroundLoadMs: round(afterLoadMs), rssAllLoadedMB: mb(loaded.rss), espeakChildrenMB: mb(espeakChildrenRss(pid) ?? 0) };
      });
      const lazy = await withServer("lazy", async ({ url, pid }) => {
        const before = await status(url);
        const firstMs = await phonemizeMs(url, input, lang);
        const secondMs = await phonemizeMs(url, input, lang);
        const after = await status(url);
        return { firstRequestMs: round(firstMs), secondRequestMs: round(secondMs), rssAtReadyMB: mb(before.rss), rssAfterFirstMB: mb(after.rss), espeakChildrenMB: mb(espeakChildrenRss(pid) ?? 0) };
      });
      perLanguage[lang] = { background, lazy };
    }
    // English served while everything loads in the background, against English once it has.
    const english = await withServer("background", async ({ url }) => {
      const atReady = await status(url);
      const during: number[] = [];
      let done = false;
      const loaded = untilLoaded(url).then((r) => {
        done = true;
        return r;
      });
      while (!done) {
        during.push(await phonemizeMs(url, "Hello there, how are you today?", "en-us"));
        await new Promise((r) => setTimeout(r, 50));
      }
      const all = await loaded;
      const after: number[] = [];
      for (let i = 0; i < 20; i++) after.push(await phonemizeMs(url, "Hello there, how are you today?", "en-us"));
      return { backgroundLoadMs: round(all.ms), rssAtReadyMB: mb(atReady.rss), rssAllLoadedMB: mb(all.rss), languages: all.languages, englishDuringLoadMs: summarize(during), englishAfterLoadMs: summarize(after) };
    });
    return {
      bench: "startup --languages",
      machine: machine(),
      model: modelName,
      perLanguage,
      englishWhileLoading: english,
      note: "firstRequestAtReadyMs: sent as /health turned 200 (background loading has just begun: Japanese first, then Mandarin and the espeak-ng languages); rss is the server process (front-end worker included), espeak-ng runs in child processes",
    };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
