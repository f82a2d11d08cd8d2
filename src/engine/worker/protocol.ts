import type { ModelIO } from "../model-io.js";

/** Session settings passed to an inference worker (a subset of onnxruntime's SessionOptions). */
export interface WorkerSessionOptions {
  readonly intraOpNumThreads?: number;
  readonly interOpNumThreads?: number;
  readonly graphOptimizationLevel?: "disabled" | "basic" | "extended" | "all";
  readonly executionProviders?: readonly string[];
  /** onnxruntime's per-shape memory plans (default on); off in serving sessions, see open-pool.ts. */
  readonly enableMemPattern?: boolean;
  /** Where onnxruntime writes the optimized graph while creating the session (the graph cache). */
  readonly optimizedModelFilePath?: string;
  /** onnxruntime's log level for this session: 0 verbose … 4 fatal (default: onnxruntime's, 2 warning). */
  readonly logSeverityLevel?: 0 | 1 | 2 | 3 | 4;
}

export interface WorkerInit {
  readonly modelPath: string;
  readonly session: WorkerSessionOptions;
}

export interface RunRequest {
  readonly type: "run";
  readonly id: number;
  /** Token ids including the two pads. */
  readonly ids: BigInt64Array;
  readonly style: Float32Array;
  readonly speed: number;
}

export type ToWorker = RunRequest;

export type FromWorker =
  | { readonly type: "ready"; readonly io: ModelIO; readonly loadMs: number; readonly inputs: string[]; readonly outputs: string[] }
  | { readonly type: "load-failed"; readonly message: string }
  | {
      readonly type: "result";
      readonly id: number;
      readonly audio: Float32Array;
      readonly durations: Float32Array | null;
      readonly inferMs: number;
    }
  | { readonly type: "run-failed"; readonly id: number; readonly message: string };
