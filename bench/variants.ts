// `npm run bench -- variants [--runs N] [--starts N] [--model shaped|heavy|FILE]`: two measurements in one report.
//  1. `kokoro bench variants` on the fixture models (light, kokoro-onnx naming, heavy; light is the
//     reference): load time with and without the optimized graph, inference median/p95 and RTF, RSS, and the
//     log-mel distance to the reference (the fixtures speak the same audio, so ~0 dB).
//  2. Cold start of the real server (`bin/kokoro serve`, a fresh process each time) on --model (heavy fixture by default):
//     first start with an empty cache (optimizes and saves the graph), later starts loading the saved graph,
//     and starts with the graph cache off, alternating so drift on a shared machine hits all three alike.
//     Figures are the server's own `ready` log line (startup: downloadMs, loadMs, optimizeMs, warmUpMs, totalMs).
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { BENCH_TEXTS, runVariantsBench } from "../src/cli/commands/bench.js";
import { defaultIntraOpThreads } from "../src/runtime/runtime.js";
import { CLI, FIXTURE_MODEL, FIXTURE_MODEL_HEAVY, FIXTURE_MODEL_V1, MISAKI_DIR, VOICES_DIR } from "../test/helpers/paths.js";
import { takeModelOption } from "./model-option.js";
import { machine, summarize } from "./stats.js";

interface Startup {
  readonly downloadMs: number;
  readonly loadMs: number;
  readonly optimizeMs: number;
  readonly warmUpMs: number;
  readonly totalMs: number;
}

/** Starts `kokoro serve` and resolves with its start-up figures and process wall time to `ready`. */
function coldStart(model: string, cacheDir: string, graphCache: boolean): Promise<Startup & { processMs: number; fromCache: boolean }> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [CLI, "serve", "--port", "0", "--model", model, "--voices", VOICES_DIR, "--lexicons", MISAKI_DIR, "--cache-dir", cacheDir, "--device", "cpu", "--log-level", "info"],
    {
      env: { ...process.env, XDG_CONFIG_HOME: cacheDir, KOKORO_OPTIMIZED_MODEL_CACHE: String(graphCache), KOKORO_WORKERS: "1" },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  return new Promise((resolve, reject) => {
    let result: (Startup & { processMs: number; fromCache: boolean }) | null = null;
    const lines = createInterface({ input: child.stderr });
    lines.on("line", (line) => {
      if (!line.includes('"msg":"ready"')) return;
      const ready = JSON.parse(line) as { startup: Startup; session: { optimizedFromCache: boolean } };
      result = { ...ready.startup, processMs: performance.now() - started, fromCache: ready.session.optimizedFromCache };
      child.kill("SIGTERM");
    });
    // Resolved once the process has exited, so the next start never competes with this one's shutdown.
    child.once("exit", (code) => (result ? resolve(result) : reject(new Error(`kokoro serve exited (code ${code}) before it was ready`))));
  });
}

async function startupBench(model: string, starts: number): Promise<Record<string, unknown>> {
  const runs: Record<"firstStart" | "fromCache" | "cacheOff", Array<Startup & { processMs: number }>> = { firstStart: [], fromCache: [], cacheOff: [] };
  for (let i = 0; i < starts; i++) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kokoro-bench-startup-"));
    const first = await coldStart(model, dir, true);
    const cached = await coldStart(model, dir, true);
    if (first.fromCache || !cached.fromCache) throw new Error("the graph cache did not behave as expected");
    runs.firstStart.push(first);
    runs.fromCache.push(cached);
    runs.cacheOff.push(await coldStart(model, mkdtempSync(path.join(os.tmpdir(), "kokoro-bench-startup-")), false));
  }
  const summary = (list: Array<Startup & { processMs: number }>) =>
    Object.fromEntries((["processMs", "totalMs", "loadMs", "optimizeMs", "warmUpMs"] as const).map((k) => [k, summarize(list.map((r) => r[k]))]));
  return { model: path.basename(model), starts, firstStart: summary(runs.firstStart), fromCache: summary(runs.fromCache), cacheOff: summary(runs.cacheOff) };
}

export async function variants(argv: string[]): Promise<Record<string, unknown>> {
  const { model, rest } = await takeModelOption(argv, "heavy");
  const { values } = parseArgs({ args: rest, options: { runs: { type: "string", default: "3" }, starts: { type: "string", default: "3" } } });
  const compare = await runVariantsBench({
    variants: `light=${FIXTURE_MODEL},v1=${FIXTURE_MODEL_V1},heavy=${FIXTURE_MODEL_HEAVY}`,
    reference: "light",
    runs: Math.max(1, Number(values.runs)),
    voice: "af_heart",
    voicesPath: VOICES_DIR,
    lexiconDir: MISAKI_DIR,
    cacheDir: mkdtempSync(path.join(os.tmpdir(), "kokoro-bench-variants-")),
    texts: BENCH_TEXTS,
    session: { executionProviders: ["cpu"], intraOpThreads: defaultIntraOpThreads(1), interOpThreads: 1 },
  });
  const startup = await startupBench(model.path, Math.max(1, Number(values.starts)));
  return { bench: "variants", machine: machine(), variants: compare, startup };
}
