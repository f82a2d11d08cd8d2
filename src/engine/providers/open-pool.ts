// Opens the inference workers for one provider, through the optimized-graph cache: the first worker either
// loads the cached optimized graph or optimizes the model (and saves the result); the others load the saved
// graph. A cached file that no longer loads is deleted and rebuilt. With `mappedWeights` the saved graph keeps its
// weights in a file of their own that onnxruntime maps instead of copying (mapped-weights.ts).
import { existsSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { WorkerPool } from "../engine.js";
import { InferenceWorker } from "../worker/handle.js";
import type { WorkerSessionOptions } from "../worker/protocol.js";
import type { MachineIdentity } from "./fingerprint.js";
import { removeGraph, writeMappedGraph } from "./mapped-weights.js";
import { optimizedGraphPath, removeStaleTemporaries, temporaryGraphPath } from "./optimized-graph.js";
import type { ProviderCandidate, ProviderLog, SessionInfo } from "./types.js";

export type PoolStage = "loading" | "optimizing";

export interface PoolSpec {
  /** The model file this candidate runs. */
  readonly modelPath: string;
  readonly modelSha256: string;
  readonly candidate: ProviderCandidate;
  readonly workers: number;
  readonly intraOpThreads: number;
  readonly interOpThreads: number;
  /** Where optimized graphs are saved; null = no graph cache (every session optimizes). */
  readonly graphCacheDir: string | null;
  /** Save (and load) the optimized graph with its weights in a mapped file of their own; needs the graph cache. */
  readonly mappedWeights?: boolean;
  readonly onnxruntime: string;
  readonly machine: MachineIdentity;
  /** Progress for /health: which stage, and how many of the workers are ready. */
  readonly onProgress?: (stage: PoolStage, ready: number, total: number) => void;
  readonly log?: ProviderLog;
}

export interface OpenedPool {
  readonly pool: WorkerPool;
  readonly session: SessionInfo;
  /** Wall time to open every worker. */
  readonly loadMs: number;
  /**
   * Time onnxruntime spent creating the sessions that ran its graph optimizations (measured in the worker
   * around InferenceSession.create, so thread start-up is not counted; parsing the model is, as onnxruntime
   * reports no finer split). 0 when every session loaded a cached optimized graph.
   */
  readonly optimizeMs: number;
}

export async function openPool(spec: PoolSpec): Promise<OpenedPool> {
  const started = performance.now();
  const total = Math.max(1, spec.workers);
  const base: WorkerSessionOptions = {
    intraOpNumThreads: spec.intraOpThreads,
    interOpNumThreads: spec.interOpThreads,
    executionProviders: spec.candidate.executionProviders,
    // Kokoro's calls all differ in length, and onnxruntime keeps a memory plan per input shape in its arena: on the
    // Kokoro-shaped model, RSS after a few calls of 100–160 ids was 0.92 GB with the plans and 0.70 GB without,
    // at the same CPU time per call (measured with a raw session, 2 threads; see the README's memory section).
    enableMemPattern: false,
  };
  const optimizing: WorkerSessionOptions = { ...base, graphOptimizationLevel: "all" };
  const preoptimized: WorkerSessionOptions = { ...base, graphOptimizationLevel: "disabled" };
  const mapped = spec.graphCacheDir !== null && spec.mappedWeights === true;
  let graph = spec.graphCacheDir === null ? null : optimizedGraphPath(spec.graphCacheDir, spec, { mapped });
  let optimizeMs = 0;
  let fromCache = false;
  let first: InferenceWorker | null = null;

  if (graph && existsSync(graph)) {
    spec.onProgress?.("loading", 0, total);
    try {
      first = await InferenceWorker.start(graph, preoptimized);
      fromCache = true;
    } catch (err) {
      spec.log?.warn({ file: graph, error: message(err) }, "cached optimized graph does not load; deleting it and optimizing again");
      await removeGraph(graph);
    }
  }
  if (!first) {
    spec.onProgress?.("optimizing", 0, total);
    const built = await buildFirst(spec.modelPath, optimizing, graph, mapped, spec.log);
    first = built.worker;
    graph = built.graph;
    optimizeMs += first.info.loadMs;
  }

  // The rest load the saved graph (or, without one, optimize the model again each).
  const loadPath = graph ?? spec.modelPath;
  const options = graph ? preoptimized : optimizing;
  const startWorker = async (): Promise<InferenceWorker> => {
    try {
      return await InferenceWorker.start(loadPath, options);
    } catch (err) {
      if (loadPath === spec.modelPath) throw err;
      return InferenceWorker.start(spec.modelPath, optimizing); // the cached file went away: the original still works
    }
  };
  const workers = [first];
  try {
    for (let i = 1; i < total; i++) {
      spec.onProgress?.(graph ? "loading" : "optimizing", i, total);
      const worker = await startWorker();
      workers.push(worker);
      if (!graph) optimizeMs += worker.info.loadMs;
    }
  } catch (err) {
    await Promise.all(workers.map((w) => w.close()));
    throw err;
  }
  spec.onProgress?.("loading", total, total);
  return {
    pool: { workers, startWorker, modelPath: spec.modelPath },
    session: {
      workers: total,
      intraOpThreads: spec.intraOpThreads,
      interOpThreads: spec.interOpThreads,
      graphOptimizationLevel: "all",
      optimizedModelPath: graph,
      optimizedFromCache: fromCache,
      mappedWeights: mapped && graph !== null,
    },
    loadMs: performance.now() - started,
    optimizeMs,
  };
}

/**
 * Optimizes the model in a new session and saves the optimized graph to `graph` (written to a temporary
 * file, then renamed, so a reader never sees half a file; `mapped`: rewritten with its weights in a file of their
 * own). When the cache folder cannot be written, the session serves without a cache; an error of the session itself
 * (bad model, provider) is thrown.
 */
async function buildFirst(
  modelPath: string,
  optimizing: WorkerSessionOptions,
  graph: string | null,
  mapped: boolean,
  log: ProviderLog | undefined,
): Promise<{ worker: InferenceWorker; graph: string | null }> {
  if (graph) {
    const dir = path.dirname(graph);
    try {
      await mkdir(dir, { recursive: true });
      await removeStaleTemporaries(dir);
    } catch (err) {
      log?.warn({ dir, error: message(err) }, "cannot write the optimized-graph cache; serving without it");
      graph = null;
    }
  }
  if (!graph) return { worker: await InferenceWorker.start(modelPath, optimizing), graph: null };
  const temp = temporaryGraphPath(graph);
  try {
    // Level 3 (errors only): onnxruntime warns on every save that the graph is hardware-specific, which the file name handles.
    const worker = await InferenceWorker.start(modelPath, { ...optimizing, optimizedModelFilePath: temp, logSeverityLevel: 3 });
    try {
      if (mapped) await writeMappedGraph(temp, graph, temporaryGraphPath);
      else await rename(temp, graph);
      return { worker, graph };
    } catch (err) {
      log?.warn({ file: graph, error: message(err) }, "cannot save the optimized graph; serving without the graph cache");
      return { worker, graph: null };
    }
  } finally {
    await rm(temp, { force: true });
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
