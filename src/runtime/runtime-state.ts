import type { ModelIO } from "../engine/model-io.js";
import type { CacheReset } from "../engine/providers/provider-manager.js";
import type { OrtBackend } from "../engine/providers/platform.js";
import type { ProviderState, SessionInfo } from "../engine/providers/types.js";
import type { SpeechServices } from "../pipeline/speech.js";

export type { ProviderBenchmark, ProviderState, ProviderTrial, SessionInfo } from "../engine/providers/types.js";
export type { CacheReset } from "../engine/providers/provider-manager.js";

/** `optimizing`: onnxruntime is optimizing the graph (no cached optimized graph yet); `loading`: sessions from a ready graph. */
export type LoadingStage = "starting" | "downloading" | "loading" | "optimizing" | "warming";

export interface ModelInfo {
  readonly path: string;
  /** Catalogue variant name, or null for a model given by path. */
  readonly variant: string | null;
  readonly voicesPath: string;
  readonly io: ModelIO;
  readonly loadMs: number;
  /** Of the model file (from its `.sha256.json` sidecar when that still matches the file). */
  readonly sha256: string;
}

/** Where start-up time went, in milliseconds. */
export interface StartupTimings {
  /** Checking (and downloading what is missing of) the model, voices and lexicons. */
  readonly downloadMs: number;
  /**
   * Opening the serving sessions, failed providers included, up to each worker's validated first call
   * (the probe), plus reading the voices and the model's checksum.
   */
  readonly loadMs: number;
  /**
   * The part of loadMs onnxruntime spent creating sessions that ran its graph optimizations (timed in the
   * worker around InferenceSession.create: parsing included, thread start-up not); 0 when every session
   * loaded a cached optimized graph.
   */
  readonly optimizeMs: number;
  /** G2P warm-up and (unless the calibration is from a previous start) one full synthesis through the pipeline. */
  readonly warmUpMs: number;
  readonly totalMs: number;
  /**
   * Where the cost model's start-up line came from: "measured" (the full probe and the warm-up call) or
   * "previous start" (saved by an earlier start with the same fingerprint; only a short probe ran).
   */
  readonly calibration: "measured" | "previous start";
}

export interface OnnxRuntimeInfo {
  readonly version: string;
  /** What onnxruntime-node lists on this machine (bundled = shipped in the npm package). */
  readonly backends: readonly OrtBackend[];
}

/** Where start-up stands; `/health` reports it and routes refuse work until `ready`. */
export type RuntimeState =
  | { readonly status: "loading"; readonly stage: LoadingStage; readonly progress: number | null; readonly detail: string | null }
  | {
      readonly status: "ready";
      readonly services: SpeechServices;
      readonly model: ModelInfo;
      readonly startupMs: number;
      readonly startup: StartupTimings;
      /** Live: a new state object replaces this one when `auto` switches provider after its benchmark. */
      readonly provider: ProviderState;
      readonly session: SessionInfo;
      readonly onnxruntime: OnnxRuntimeInfo;
    }
  | { readonly status: "failed"; readonly error: string };

export interface RuntimeView {
  readonly state: RuntimeState;
  /** Clears the cached `auto` provider decisions (POST /admin/provider-cache/reset); with `auto`, benchmarks again. */
  resetProviderCache?(): Promise<CacheReset>;
}
