// Measurements of one model variant, taken in a child process of their own (see compare-variants.ts) so its
// memory figures are not mixed with another variant's. Two phases, each in a fresh process:
//  - "load": session creation three ways (optimizing in memory; optimizing and saving the optimized graph;
//    loading that saved graph with optimization off, as the server does from its second start);
//  - "run": the serving set-up (the saved graph) loaded into a fresh process, then the calls, timed.
import { readFile } from "node:fs/promises";
import { withPads } from "../engine/engine.js";
import { InferenceWorker } from "../engine/worker/handle.js";
import type { WorkerSessionOptions } from "../engine/worker/protocol.js";
import { SAMPLE_RATE } from "../model/contract.js";

export interface VariantCall {
  readonly ids: readonly number[];
  readonly style: Float32Array;
  readonly speed: number;
}

export interface VariantSession {
  readonly executionProviders: readonly string[];
  readonly intraOpThreads: number;
  readonly interOpThreads: number;
}

export interface LoadJob {
  readonly phase: "load";
  readonly modelPath: string;
  readonly session: VariantSession;
  /** Where to save the optimized graph (the run phase loads it). */
  readonly optimizedPath: string;
}

export interface RunJob {
  readonly phase: "run";
  readonly optimizedPath: string;
  readonly session: VariantSession;
  readonly calls: readonly VariantCall[];
  readonly runs: number;
}

export type VariantJob = LoadJob | RunJob;

/** onnxruntime's session-creation time (in the worker, thread start-up excluded), milliseconds. */
export interface LoadTimes {
  /** Full graph optimization in memory, nothing saved (the server with optimizedModelCache off). */
  readonly optimizeMs: number;
  /** The same, plus saving the optimized graph (the server's first start). */
  readonly optimizeAndSaveMs: number;
  /** Loading the saved optimized graph with optimization off (every later start). */
  readonly fromCacheMs: number;
}

export interface RunResult {
  /** inferMs of every timed call, all passes. */
  readonly callMs: number[];
  /** Inference seconds / audio seconds, per timed pass. */
  readonly rtfPerPass: number[];
  readonly audioSeconds: number;
  /** Each call's audio from the last pass. */
  readonly outputs: Float32Array[];
  readonly rss: { readonly beforeMB: number; readonly loadedMB: number; readonly afterRunsMB: number; readonly maxMB: number };
}

const MB = 1024 * 1024;

function options(session: VariantSession, level: "all" | "disabled", optimizedModelFilePath?: string): WorkerSessionOptions {
  return {
    executionProviders: session.executionProviders,
    intraOpNumThreads: session.intraOpThreads,
    interOpNumThreads: session.interOpThreads,
    graphOptimizationLevel: level,
    ...(optimizedModelFilePath ? { optimizedModelFilePath, logSeverityLevel: 3 as const } : {}),
  };
}

async function loadOnce(modelPath: string, session: WorkerSessionOptions): Promise<number> {
  const worker = await InferenceWorker.start(modelPath, session);
  await worker.close();
  return worker.info.loadMs;
}

export async function measureLoad(job: LoadJob): Promise<LoadTimes> {
  await readFile(job.modelPath); // the file in the page cache for all three, so none pays the disk read alone
  await loadOnce(job.modelPath, options(job.session, "disabled")); // discarded: onnxruntime's one-time process set-up
  const optimizeMs = await loadOnce(job.modelPath, options(job.session, "all"));
  const optimizeAndSaveMs = await loadOnce(job.modelPath, options(job.session, "all", job.optimizedPath));
  const fromCacheMs = await loadOnce(job.optimizedPath, options(job.session, "disabled"));
  return { optimizeMs, optimizeAndSaveMs, fromCacheMs };
}

export async function measureRun(job: RunJob): Promise<RunResult> {
  const beforeMB = process.memoryUsage().rss / MB;
  const worker = await InferenceWorker.start(job.optimizedPath, options(job.session, "disabled"));
  try {
    const loadedMB = process.memoryUsage().rss / MB;
    const padded = job.calls.map((c) => withPads(c.ids));
    const pass = async (): Promise<{ ms: number[]; outputs: Float32Array[] }> => {
      const ms: number[] = [];
      const outputs: Float32Array[] = [];
      for (const [i, call] of job.calls.entries()) {
        const out = await worker.run(padded[i]!, call.style.slice(), call.speed);
        ms.push(out.inferMs);
        outputs.push(out.audio);
      }
      return { ms, outputs };
    };
    await pass(); // first-run allocations are not the steady state
    const callMs: number[] = [];
    const rtfPerPass: number[] = [];
    let last = { ms: [] as number[], outputs: [] as Float32Array[] };
    for (let r = 0; r < Math.max(1, job.runs); r++) {
      last = await pass();
      callMs.push(...last.ms);
      const audioSeconds = last.outputs.reduce((s, o) => s + o.length, 0) / SAMPLE_RATE;
      rtfPerPass.push(last.ms.reduce((s, x) => s + x, 0) / 1000 / audioSeconds);
    }
    const afterRunsMB = process.memoryUsage().rss / MB;
    return {
      callMs,
      rtfPerPass,
      audioSeconds: last.outputs.reduce((s, o) => s + o.length, 0) / SAMPLE_RATE,
      outputs: last.outputs,
      rss: { beforeMB, loadedMB, afterRunsMB, maxMB: process.resourceUsage().maxRSS / 1024 },
    };
  } finally {
    await worker.close();
  }
}
