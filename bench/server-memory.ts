// `npm run bench -- server-memory [--model shaped] [--workers 1,2] [--max-call-ids 160] [--preload background,lazy]
// [--mapped true]`: the memory of the whole `kokoro serve` process, as a user runs it, at each step of a fixed
// session — at ready, once every language has loaded (`background` only), after the 1,263-character paragraph
// streamed, and after one ~480-id sentence streamed and then requested as a file (the longest call maxCallIds
// allows). One fresh server per combination of the lists (their cross product), all sharing one cache folder
// that a first, unmeasured start fills (the optimized graph, the calibration): every measured start is a warm
// start. Audio cache off, so every request computes.
//
// Each step reads /proc/<pid>/status: VmRSS (what `ps` and the goal call RSS), RssAnon (the process's own
// memory), RssFile (file pages mapped: with mapped weights the weights file's page cache, shared between workers
// and servers and reclaimable) and VmHWM (the peak VmRSS so far). espeak-ng runs in child processes: their RSS is
// reported apart. Linux only (it reads /proc).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_MAX_CALL_IDS } from "../src/config/schema.js";
import type { LanguageLoadState } from "../src/g2p/background-languages.js";
import { CLI, MISAKI_DIR, VOICES_DIR } from "../test/helpers/paths.js";
import { listeningUrl, untilReady } from "../test/helpers/serve-process.js";
import { espeakChildrenRss } from "./espeak-children.js";
import { takeModelOption } from "./model-option.js";
import { machine } from "./stats.js";
import { PARAGRAPH } from "./texts.js";

/** ~100 words with no clause break the planner may not cut: one call of ~480 ids without a cap. */
export const LONG_SENTENCE =
  "A listener who selects a long passage from a report about rivers and bridges and the people who built them " +
  "across three centuries of floods and droughts and slow careful engineering expects the voice to carry every " +
  "single word of that passage from the first letter to the last without stopping to breathe in strange places " +
  "or skipping a phrase or repeating another one because the machine reading it aloud ran short of memory or " +
  "time and had to guess where the sentence might be cut without anyone noticing the seam at all in the end.";

const GB = 1e9;
const round2 = (x: number): number => Math.round(x * 100) / 100;

interface Sample {
  readonly vmRssGB: number;
  readonly rssAnonGB: number;
  readonly rssFileGB: number;
  readonly vmHwmGB: number;
  readonly espeakChildrenGB: number;
}

/** The kB fields of /proc/<pid>/status we report, in GB. */
function sample(pid: number): Sample {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string): number => {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "mu").exec(status);
    if (!m) throw new Error(`/proc/${pid}/status has no ${field}`);
    return round2((Number(m[1]) * 1024) / GB);
  };
  return { vmRssGB: kb("VmRSS"), rssAnonGB: kb("RssAnon"), rssFileGB: kb("RssFile"), vmHwmGB: kb("VmHWM"), espeakChildrenGB: round2((espeakChildrenRss(pid) ?? 0) / GB) };
}

interface Server {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

interface Config {
  readonly workers: number;
  readonly maxCallIds: number;
  readonly preload: string;
  readonly mapped: boolean;
}

async function serve(model: string, home: string, config: Config): Promise<Server> {
  const proc = spawn(process.execPath, [CLI, "serve", "--port", "0", "--model", model, "--voices", VOICES_DIR, "--lexicons", MISAKI_DIR, "--device", "cpu"], {
    env: {
      ...process.env,
      KOKORO_HOME: home,
      XDG_CONFIG_HOME: home,
      KOKORO_LOG_LEVEL: "warn",
      KOKORO_DEFAULT_VOICE: "af_heart",
      KOKORO_AUDIO_CACHE_MB: "0",
      KOKORO_WORKERS: String(config.workers),
      KOKORO_MAX_CALL_IDS: String(config.maxCallIds),
      KOKORO_PRELOAD_LANGUAGES: config.preload,
      KOKORO_MAPPED_WEIGHTS: String(config.mapped),
    },
  });
  let stderr = "";
  proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  const url = await listeningUrl(proc, () => stderr);
  await untilReady(url, () => stderr, 600_000);
  return {
    url,
    pid: proc.pid!,
    stop: async () => {
      proc.kill("SIGTERM");
      await exited;
    },
  };
}

async function languagesLoaded(url: string): Promise<void> {
  for (;;) {
    const body = (await (await fetch(`${url}/status`)).json()) as { g2p?: { languages?: LanguageLoadState } };
    const languages = body.g2p?.languages;
    if (languages === undefined || (languages.loading === null && languages.queued.length === 0)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** One speech request read to its end; throws unless it is a 200. */
async function speak(url: string, input: string, stream: boolean): Promise<void> {
  const res = await fetch(`${url}/v1/audio/speech`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ model: "kokoro", voice: "af_heart", input, response_format: "pcm", stream }),
  });
  const body = await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`speech: ${res.status} ${Buffer.from(body).toString()}`);
}

async function measure(model: string, home: string, config: Config): Promise<Record<string, unknown>> {
  const server = await serve(model, home, config);
  try {
    const steps: Record<string, Sample> = { atReady: sample(server.pid) };
    if (config.preload !== "lazy") {
      await languagesLoaded(server.url);
      steps.languagesLoaded = sample(server.pid);
    }
    await speak(server.url, PARAGRAPH, true);
    steps.afterParagraph = sample(server.pid);
    await speak(server.url, LONG_SENTENCE, true);
    await speak(server.url, LONG_SENTENCE, false);
    steps.afterLongSentence = sample(server.pid);
    return { ...config, steps };
  } finally {
    await server.stop();
  }
}

const list = (s: string): string[] => s.split(",").map((x) => x.trim()).filter((x) => x !== "");

export async function serverMemory(argv: string[]): Promise<Record<string, unknown>> {
  if (process.platform !== "linux") throw new Error("server-memory reads /proc: Linux only");
  const { model, rest } = await takeModelOption(argv, "shaped");
  const { values } = parseArgs({
    args: rest,
    options: {
      workers: { type: "string", default: "1" },
      "max-call-ids": { type: "string", default: String(DEFAULT_MAX_CALL_IDS) },
      preload: { type: "string", default: "background,lazy" },
      mapped: { type: "string", default: "true" },
    },
  });
  const configs: Config[] = [];
  for (const workers of list(values.workers).map(Number))
    for (const maxCallIds of list(values["max-call-ids"]).map(Number))
      for (const preload of list(values.preload))
        for (const mapped of list(values.mapped).map((m) => m === "true")) configs.push({ workers, maxCallIds, preload, mapped });
  const home = mkdtempSync(path.join(os.tmpdir(), "kokoro-server-memory-"));
  try {
    // Fill the cache (optimized graph, mapped weights, calibration) so every measured start is a warm one.
    await (await serve(model.path, home, configs[0]!)).stop();
    const results: Record<string, unknown>[] = [];
    for (const config of configs) results.push(await measure(model.path, home, config));
    return {
      bench: "server-memory",
      machine: machine(),
      model: model.name,
      totalMemoryGB: round2(os.totalmem() / GB),
      texts: { paragraphChars: PARAGRAPH.length, longSentenceWords: LONG_SENTENCE.split(" ").length },
      results,
      note: "GB = 1e9 bytes. vmRss is what ps reports; rssFile is mapped files (the weights file's page cache with mapped weights: shared, reclaimable); vmHwm is the peak so far. espeak-ng children are not in the server's figures.",
    };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
