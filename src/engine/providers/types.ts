// What the rest of the server sees of execution-provider choice: the candidates, the decision and the sessions.

/** `--device` values; `auto` benchmarks what this machine offers and caches the choice. */
export const DEVICES = ["cpu", "cuda", "coreml", "dml", "webgpu"] as const;
export type Device = (typeof DEVICES)[number];
export type RequestedDevice = "auto" | Device;

/** One way to run the model: onnxruntime execution providers, in order of preference. */
export interface ProviderCandidate {
  /** Shown in /status and logs; a Device for the real providers. */
  readonly name: string;
  readonly executionProviders: readonly string[];
  /**
   * A different model file for this candidate only. Tests use it to stand in for a provider that
   * computes wrong results (a real ONNX file whose output is NaN or the wrong length).
   */
  readonly modelPath?: string;
}

/** How one provider did in the start-up benchmark (milliseconds of inference for the probe call). */
export interface ProviderTrial {
  readonly name: string;
  /** Loaded, and every probe run gave valid audio. */
  readonly ok: boolean;
  /** Session creation (null when it failed, or for the provider already serving). */
  readonly loadMs: number | null;
  readonly medianMs: number | null;
  readonly p95Ms: number | null;
  /** Why it was not usable: the load error or the audio check's complaint. */
  readonly error: string | null;
}

export interface ProviderBenchmark {
  /** Phoneme ids in the probe call (the warm-up text), without pads. */
  readonly probeIds: number;
  /** Timed runs per provider, after one untimed warm-up run. */
  readonly runs: number;
  readonly trials: readonly ProviderTrial[];
  /** ISO time the benchmark finished. */
  readonly at: string;
}

/** The execution provider serving now, and why. It changes when `auto` switches after its benchmark. */
export interface ProviderState {
  readonly name: string;
  readonly requested: RequestedDevice;
  readonly reason: string;
  /** The provider that was asked for (or chosen) but failed to load or gave invalid audio. */
  readonly fallback: { readonly from: string; readonly error: string } | null;
  /** The last benchmark (this run's, or the cached decision's). */
  readonly benchmark: ProviderBenchmark | null;
  /** The choice came from the provider cache (no benchmark this start). */
  readonly cached: boolean;
  /** An `auto` benchmark is running in the background right now. */
  readonly benchmarking: boolean;
}

/** The ONNX Runtime sessions behind the serving workers. */
export interface SessionInfo {
  readonly workers: number;
  readonly intraOpThreads: number;
  readonly interOpThreads: number;
  /** Optimization level of the graph the sessions run (a cached graph was optimized at this level when saved). */
  readonly graphOptimizationLevel: "all";
  /** The saved optimized graph, or null when the graph cache is off. */
  readonly optimizedModelPath: string | null;
  /** The sessions loaded a graph optimized by an earlier start (no optimization this time). */
  readonly optimizedFromCache: boolean;
  /** The saved graph keeps its weights in a file onnxruntime maps (later workers and starts load it so). */
  readonly mappedWeights: boolean;
}

/** Where progress and decisions are logged (a pino logger fits). */
export interface ProviderLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}
