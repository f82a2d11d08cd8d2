// `kokoro bench variants`: model variants side by side on the same calls, each measured in child processes
// of its own (load times, inference speed, memory), and each variant's audio compared with the reference's
// (normally fp32) by log-mel spectral distance.
import { fork } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { siblingScript } from "../util/worker-script.js";
import { logMelDistance } from "./log-mel.js";
import type { LoadJob, LoadTimes, RunJob, RunResult, VariantCall, VariantJob, VariantSession } from "./measure-variant.js";

export interface VariantSpec {
  readonly name: string;
  readonly modelPath: string;
}

export interface CompareOptions {
  readonly variants: readonly VariantSpec[];
  /** Name of the variant the others are compared with. */
  readonly reference: string;
  readonly calls: readonly VariantCall[];
  readonly runs: number;
  readonly session: VariantSession;
  /** Called as each variant finishes (progress on stderr). */
  readonly onVariant?: (name: string) => void;
}

export interface Stats {
  readonly median: number;
  readonly p95: number;
}

export interface VariantReport {
  readonly name: string;
  readonly file: string;
  readonly bytes: number;
  readonly loadMs: LoadTimes;
  readonly inference: { readonly callMs: Stats; readonly rtf: Stats; readonly audioSeconds: number };
  /** Process RSS in MiB: before loading, after loading, after the runs; maxMB is the process's peak. */
  readonly rssMB: { readonly before: number; readonly loaded: number; readonly afterRuns: number; readonly max: number; readonly delta: number };
  /** Log-mel distance to the reference's audio, per call (mean and worst), in dB; 0 for the reference. */
  readonly logMelDistanceDb: { readonly mean: number; readonly max: number };
  /** This variant's audio length over the reference's (durations can move with quantization). */
  readonly lengthRatio: number;
}

export interface CompareReport {
  readonly reference: string;
  readonly calls: number;
  readonly runs: number;
  readonly session: VariantSession;
  readonly variants: VariantReport[];
}

export async function compareVariants(options: CompareOptions): Promise<CompareReport> {
  if (!options.variants.some((v) => v.name === options.reference)) {
    throw new Error(`reference ${options.reference} is not among the variants (${options.variants.map((v) => v.name).join(", ")})`);
  }
  const scratch = await mkdtemp(path.join(os.tmpdir(), "kokoro-variants-"));
  try {
    const measured: Array<{ spec: VariantSpec; bytes: number; load: LoadTimes; run: RunResult }> = [];
    for (const [i, spec] of options.variants.entries()) {
      const bytes = (await stat(spec.modelPath)).size;
      const optimizedPath = path.join(scratch, `variant-${i}.onnx`);
      const load = await inChild<LoadTimes>({ phase: "load", modelPath: spec.modelPath, session: options.session, optimizedPath } satisfies LoadJob);
      const run = await inChild<RunResult>({ phase: "run", optimizedPath, session: options.session, calls: options.calls, runs: options.runs } satisfies RunJob);
      measured.push({ spec, bytes, load, run });
      options.onVariant?.(spec.name);
    }
    const reference = measured.find((m) => m.spec.name === options.reference)!;
    const variants = measured.map(({ spec, bytes, load, run }): VariantReport => {
      const distances = run.outputs.map((audio, i) => logMelDistance(reference.run.outputs[i]!, audio).meanAbsDb);
      return {
        name: spec.name,
        file: spec.modelPath,
        bytes,
        loadMs: { optimizeMs: round(load.optimizeMs), optimizeAndSaveMs: round(load.optimizeAndSaveMs), fromCacheMs: round(load.fromCacheMs) },
        inference: { callMs: stats(run.callMs), rtf: stats(run.rtfPerPass, 4), audioSeconds: round(run.audioSeconds, 3) },
        rssMB: {
          before: round(run.rss.beforeMB, 1),
          loaded: round(run.rss.loadedMB, 1),
          afterRuns: round(run.rss.afterRunsMB, 1),
          max: round(run.rss.maxMB, 1),
          delta: round(run.rss.afterRunsMB - run.rss.beforeMB, 1),
        },
        logMelDistanceDb: { mean: round(mean(distances), 3), max: round(Math.max(...distances), 3) },
        lengthRatio: round(run.audioSeconds / reference.run.audioSeconds, 4),
      };
    });
    return { reference: options.reference, calls: options.calls.length, runs: options.runs, session: options.session, variants };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Runs one job in a fresh Node process (the compiled child, or the TypeScript one through tsx). */
function inChild<T>(job: VariantJob): Promise<T> {
  const script = siblingScript(import.meta.url, "variant-child");
  const execArgv = script.pathname.endsWith(".ts") ? ["--import", import.meta.resolve("tsx")] : [];
  const child = fork(script, [], { execArgv, serialization: "advanced", stdio: ["ignore", "ignore", "inherit", "ipc"] });
  return new Promise<T>((resolve, reject) => {
    let answered = false;
    child.once("message", (msg: { result?: T; error?: string }) => {
      answered = true;
      if (msg.error !== undefined) reject(new Error(msg.error));
      else resolve(msg.result as T);
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      if (!answered) reject(new Error(`variant measurement process exited (code ${code}) without an answer`));
    });
    child.send(job);
  });
}

function stats(values: readonly number[], digits = 2): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
  return { median: round(at(0.5), digits), p95: round(at(0.95), digits) };
}

const mean = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);
const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;
