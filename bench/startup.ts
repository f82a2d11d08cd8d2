// `npm run bench -- startup [--model shaped|heavy|FILE] [--runs N] [--workers N] [--languages]`: start-up of `kokoro serve`, first
// and second start. Each run uses a fresh cache folder: the first start optimizes the graph and saves it (the
// optimized-graph cache), the second loads the saved graph. Reported per start: wall time from spawning the process
// to /health answering 200, and the server's own breakdown from /status (load, optimize, warm-up incl. the two calls
// that seed the cost model).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { CLI, MISAKI_DIR, VOICES_DIR } from "../test/helpers/paths.js";
import { listeningUrl, untilReady } from "../test/helpers/serve-process.js";
import { takeModelOption } from "./model-option.js";
import { startupLanguages } from "./startup-languages.js";
import { machine, summarize } from "./stats.js";

interface Start {
  readonly wallMs: number;
  readonly totalMs: number;
  readonly loadMs: number;
  readonly optimizeMs: number;
  readonly warmUpMs: number;
}

async function startOnce(model: string, home: string, workers: number): Promise<Start> {
  const started = performance.now();
  const proc = spawn(process.execPath, [CLI, "serve", "--port", "0", "--model", model, "--voices", VOICES_DIR, "--lexicons", MISAKI_DIR, "--device", "cpu"], {
    env: { ...process.env, KOKORO_HOME: home, XDG_CONFIG_HOME: home, KOKORO_WORKERS: String(workers), KOKORO_LOG_LEVEL: "warn" },
  });
  let stderr = "";
  proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  try {
    const url = await listeningUrl(proc, () => stderr);
    await untilReady(url, () => stderr, 300_000);
    const wallMs = performance.now() - started;
    const status = (await (await fetch(`${url}/status`)).json()) as { startup: { total_ms: number; load_ms: number; optimize_ms: number; warm_up_ms: number } };
    const s = status.startup;
    return { wallMs, totalMs: s.total_ms, loadMs: s.load_ms, optimizeMs: s.optimize_ms, warmUpMs: s.warm_up_ms };
  } finally {
    proc.kill("SIGKILL");
  }
}

export async function startup(argv: string[]): Promise<Record<string, unknown>> {
  const { model, rest } = await takeModelOption(argv, "heavy");
  const { values } = parseArgs({ args: rest, options: { runs: { type: "string", default: "3" }, workers: { type: "string", default: "1" }, languages: { type: "boolean", default: false } } });
  // --languages: the first request of each language after start-up, background loading against lazy (startup-languages.ts).
  if (values.languages) return startupLanguages(model.path, model.name);
  const runs = Math.max(1, Number(values.runs));
  const workers = Math.max(1, Number(values.workers));
  const first: Start[] = [];
  const second: Start[] = [];
  for (let i = 0; i < runs; i++) {
    const home = mkdtempSync(path.join(os.tmpdir(), "kokoro-startup-"));
    try {
      first.push(await startOnce(model.path, home, workers));
      second.push(await startOnce(model.path, home, workers));
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }
  const report = (starts: readonly Start[]) => ({
    wallMs: summarize(starts.map((s) => s.wallMs)),
    serverTotalMs: summarize(starts.map((s) => s.totalMs)),
    loadMs: summarize(starts.map((s) => s.loadMs)),
    optimizeMs: summarize(starts.map((s) => s.optimizeMs)),
    warmUpMs: summarize(starts.map((s) => s.warmUpMs)),
  });
  return { bench: "startup", machine: machine(), model: model.name, workers, firstStart: report(first), secondStart: report(second) };
}
