// Execution-provider choice for the serving engine.
//
//  - `--device cpu|cuda|coreml|dml|webgpu`: that provider. If its session fails to load, or its audio for the
//    probe call is invalid (NaN, empty, silent, wrong length), the server serves on the CPU instead and says
//    so (log and `fallback` in the state): serving on the CPU beats not serving.
//  - `--device auto`: the cached decision for this fingerprint, if any; otherwise the server gets ready on
//    the CPU, then benchmarks the other providers in the background and switches only to one that gave
//    valid audio and beat the CPU clearly, and caches the decision.
import path from "node:path";
import { performance } from "node:perf_hooks";
import { KokoroEngine, startWorkers, type ModelCall } from "../engine.js";
import { InferenceWorker } from "../worker/handle.js";
import { runTrials, type TrialSubject } from "./benchmark.js";
import { CalibrationCache, type CostCalibration } from "./calibration.js";
import { ProviderDecisionCache } from "./decision-cache.js";
import { providerFingerprint, thisMachine, type MachineIdentity, type ProviderFingerprint } from "./fingerprint.js";
import { openPool, type OpenedPool, type PoolStage } from "./open-pool.js";
import { autoCandidates, candidateFor, CPU_CANDIDATE, ortPlatform, type OrtPlatform } from "./platform.js";
import { probeWorker } from "./probe.js";
import type { ProviderBenchmark, ProviderCandidate, ProviderLog, ProviderState, RequestedDevice, SessionInfo } from "./types.js";

/** A candidate must beat the serving provider's median by this factor to be switched to (noise margin). */
const SWITCH_FACTOR = 0.9;
const DEFAULT_RUNS = 5;

export interface ProviderManagerOptions {
  readonly requested: RequestedDevice;
  readonly modelPath: string;
  readonly modelSha256: string;
  /** sha256 of another model file (for a candidate with its own `modelPath`). */
  readonly hashModel: (file: string) => Promise<string>;
  readonly workers: number;
  readonly intraOpThreads: number;
  readonly interOpThreads: number;
  readonly maxQueued: number;
  /** Decisions go to `<cacheDir>/providers/`, optimized graphs to `<cacheDir>/optimized/`. */
  readonly cacheDir: string;
  readonly optimizedModelCache: boolean;
  /** Save the optimized graph with its weights in a mapped file of their own (see mapped-weights.ts); default off. */
  readonly mappedWeights?: boolean;
  /**
   * The non-CPU providers to consider. Default: for `auto`, what onnxruntime-node offers here
   * (autoCandidates); for an explicit device, that device. Tests inject candidates with broken models.
   */
  readonly candidates?: readonly ProviderCandidate[];
  /** Timed probe runs per provider in the benchmark (default 5). */
  readonly benchmarkRuns?: number;
  readonly log: ProviderLog;
  readonly platform?: OrtPlatform;
  readonly machine?: MachineIdentity;
}

/** The start-up probe: the full call, and the short one a start with a cached calibration runs instead. */
export interface StartupProbe {
  readonly full: ModelCall;
  readonly short: ModelCall;
}

export interface OpenedEngine {
  readonly engine: KokoroEngine;
  /**
   * True when the cost model starts from the calibration of an earlier start (only the short probe ran); false when
   * this start measures it (the caller's warm-up call gives the second size, then saveCalibration keeps it).
   */
  readonly calibrated: boolean;
  /** Wall time from the first session start to the validated engine, failed attempts included. */
  readonly loadMs: number;
  readonly optimizeMs: number;
}

export interface CacheReset {
  readonly cleared: number;
  readonly benchmarking: boolean;
}

export class ProviderManager {
  private readonly platform: OrtPlatform;
  private readonly machine: MachineIdentity;
  private readonly decisions: ProviderDecisionCache;
  private readonly calibrations: CalibrationCache;
  private readonly autoList: readonly ProviderCandidate[];
  private readonly skipped: ReadonlyArray<{ name: string; why: string }>;
  private engine: KokoroEngine | null = null;
  private probe: ModelCall | null = null;
  private benchmarkTask: Promise<void> | null = null;
  private readonly abort = new AbortController();
  private currentProvider: ProviderState;
  private currentSession: SessionInfo | null = null;
  private current: ProviderCandidate = CPU_CANDIDATE;
  /** Called whenever the provider state or the sessions change (switch, benchmark start and end). */
  onChange: (() => void) | null = null;

  constructor(private readonly options: ProviderManagerOptions) {
    this.platform = options.platform ?? ortPlatform();
    this.machine = options.machine ?? thisMachine();
    this.decisions = new ProviderDecisionCache(path.join(options.cacheDir, "providers"));
    this.calibrations = new CalibrationCache(path.join(options.cacheDir, "calibration"));
    const found = options.candidates ? { candidates: options.candidates, skipped: [] } : autoCandidates(this.platform);
    this.autoList = found.candidates.filter((c) => c.name !== "cpu");
    this.skipped = found.skipped;
    this.currentProvider = { name: "cpu", requested: options.requested, reason: "starting", fallback: null, benchmark: null, cached: false, benchmarking: false };
  }

  get provider(): ProviderState {
    return this.currentProvider;
  }

  get session(): SessionInfo | null {
    return this.currentSession;
  }

  /** onnxruntime-node's version and the backends it lists on this machine. */
  get ort(): OrtPlatform {
    return this.platform;
  }

  fingerprint(): ProviderFingerprint {
    const { modelSha256, workers, intraOpThreads, interOpThreads } = this.options;
    return providerFingerprint({
      modelSha256,
      onnxruntime: this.platform.version,
      candidates: [CPU_CANDIDATE, ...this.autoList],
      threads: { workers, intraOpThreads, interOpThreads },
      machine: this.machine,
    });
  }

  /**
   * Opens the serving engine on the provider to start with, checked with `probe`; falls back to the CPU
   * when that provider fails. Throws only when the CPU fails too (a broken model), or when `probe` fails. The probe
   * may still be in the making (its voice loading) while the sessions load.
   */
  async open(probe: Promise<StartupProbe>, onProgress?: (stage: PoolStage, ready: number, total: number) => void): Promise<OpenedEngine> {
    const started = performance.now();
    void probe.then((p) => (this.probe = p.full), () => undefined);
    const { requested } = this.options;
    const start = await this.startingChoice();
    try {
      const opened = await this.openValidated(start.candidate, probe, onProgress);
      this.current = start.candidate;
      this.engine = opened.engine;
      this.setState({ name: start.candidate.name, reason: start.reason, fallback: null, benchmark: start.benchmark, cached: start.cached, benchmarking: false }, opened.session);
      return { engine: opened.engine, calibrated: opened.calibrated, loadMs: performance.now() - started, optimizeMs: opened.optimizeMs };
    } catch (err) {
      const probeFailed = await probe.then(() => false, () => true); // (a bad default voice, not the provider)
      if (start.candidate.name === "cpu" || probeFailed) throw err;
      const error = err instanceof Error ? err.message : String(err);
      this.options.log.warn({ requested, provider: start.candidate.name, error }, "execution provider failed; falling back to cpu");
      if (start.cached) await this.decisions.forget(this.fingerprint()); // benchmark again next start
      await this.calibrations.forget(this.fingerprint(), start.candidate.name);
      const opened = await this.openValidated(CPU_CANDIDATE, probe, onProgress);
      this.current = CPU_CANDIDATE;
      this.engine = opened.engine;
      this.setState(
        { name: "cpu", reason: `${start.candidate.name} failed, serving on cpu`, fallback: { from: start.candidate.name, error }, benchmark: start.benchmark, cached: false, benchmarking: false },
        opened.session,
      );
      return { engine: opened.engine, calibrated: opened.calibrated, loadMs: performance.now() - started, optimizeMs: opened.optimizeMs };
    }
  }

  /**
   * Keeps the serving engine's start-up cost line for the next start with the same fingerprint and provider (call
   * after the warm-up, when the line has its two sizes). A cache folder that cannot be written only costs the next
   * start its full probe.
   */
  async saveCalibration(): Promise<void> {
    const line = this.engine?.cost.forPlanning().line();
    if (!line) return;
    const calibration: CostCalibration = { ...line, at: new Date().toISOString() };
    try {
      await this.calibrations.write(this.fingerprint(), calibration, this.current.name);
    } catch (err) {
      this.options.log.warn({ dir: this.calibrations.dir, error: err instanceof Error ? err.message : String(err) }, "cannot save the start-up calibration");
    }
  }

  /** For `auto` without a cached decision: benchmarks in the background (call once the server is ready). */
  startBackgroundBenchmarkIfDue(): boolean {
    const due = this.options.requested === "auto" && this.autoList.length > 0 && !this.currentProvider.cached;
    return due && this.startBenchmark();
  }

  /** Clears every cached decision; with `auto`, benchmarks again now. */
  async resetCache(): Promise<CacheReset> {
    const cleared = await this.decisions.clear();
    await this.calibrations.clear(); // measured with the providers' sessions: measure again too
    this.options.log.info({ cleared }, "provider cache cleared");
    const benchmarking = this.options.requested === "auto" && this.autoList.length > 0 && this.startBenchmark();
    return { cleared, benchmarking };
  }

  /** Stops a running benchmark (its sessions close); the serving engine is the caller's to close. */
  async close(): Promise<void> {
    this.abort.abort();
    await this.benchmarkTask?.catch(() => undefined);
  }

  private async startingChoice(): Promise<{ candidate: ProviderCandidate; reason: string; cached: boolean; benchmark: ProviderBenchmark | null }> {
    const { requested } = this.options;
    if (requested === "cpu") return { candidate: CPU_CANDIDATE, reason: "requested", cached: false, benchmark: null };
    if (requested !== "auto") {
      const candidate = this.options.candidates?.find((c) => c.name === requested) ?? candidateFor(requested);
      return { candidate, reason: "requested", cached: false, benchmark: null };
    }
    if (this.autoList.length === 0) {
      const skipped = this.skipped.map((s) => `${s.name}: ${s.why}`).join("; ");
      return { candidate: CPU_CANDIDATE, reason: `auto: no other execution provider here${skipped ? ` (${skipped})` : ""}`, cached: false, benchmark: null };
    }
    const decision = await this.decisions.read(this.fingerprint());
    const candidate = decision && [CPU_CANDIDATE, ...this.autoList].find((c) => c.name === decision.name);
    if (decision && candidate) return { candidate, reason: `auto, cached: ${decision.reason}`, cached: true, benchmark: decision.benchmark };
    const names = this.autoList.map((c) => c.name).join(", ");
    return { candidate: CPU_CANDIDATE, reason: `auto: serving on cpu until ${names} ${this.autoList.length === 1 ? "is" : "are"} benchmarked`, cached: false, benchmark: null };
  }

  private async openCandidate(candidate: ProviderCandidate, workers: number, onProgress?: (stage: PoolStage, ready: number, total: number) => void): Promise<OpenedPool> {
    const modelPath = candidate.modelPath ?? this.options.modelPath;
    const modelSha256 = candidate.modelPath ? await this.options.hashModel(candidate.modelPath) : this.options.modelSha256;
    return openPool({
      modelPath,
      modelSha256,
      candidate,
      workers,
      intraOpThreads: this.options.intraOpThreads,
      interOpThreads: this.options.interOpThreads,
      graphCacheDir: this.options.optimizedModelCache ? path.join(this.options.cacheDir, "optimized") : null,
      mappedWeights: this.options.mappedWeights === true,
      onnxruntime: this.platform.version,
      machine: this.machine,
      onProgress,
      log: this.options.log,
    });
  }

  /**
   * The serving engine on `candidate`, after its probe call gave valid audio; closed again if not. With a calibration
   * from an earlier start the short probe runs instead of the full one (see calibration.ts).
   */
  private async openValidated(
    candidate: ProviderCandidate,
    probe: Promise<StartupProbe>,
    onProgress?: (stage: PoolStage, ready: number, total: number) => void,
  ): Promise<{ engine: KokoroEngine; session: SessionInfo; optimizeMs: number; calibrated: boolean }> {
    const calibration = await this.calibrations.read(this.fingerprint(), candidate.name);
    const opened = await this.openCandidate(candidate, this.options.workers, onProgress);
    // Every worker answers the probe: that checks each session and pays its first-run costs before ready.
    let results: Awaited<ReturnType<typeof probeWorker>>[];
    let call: ModelCall;
    try {
      const calls = await probe;
      call = calibration ? calls.short : calls.full;
      results = await Promise.all(opened.pool.workers.map((w) => probeWorker(w, call)));
      const problem = results.find((r) => r.problem)?.problem;
      if (problem) throw new Error(`${candidate.name} produced invalid audio: ${problem}`);
    } catch (err) {
      await Promise.all(opened.pool.workers.map((w) => w.close()));
      throw err;
    }
    const engine = KokoroEngine.fromPool(opened.pool, { maxQueued: this.options.maxQueued });
    // The probe is a call like any other (its first-run cost is a few percent here): with the warm-up's shorter
    // call it gives the cost model the two sizes it needs to size the first request's calls; after a short probe
    // the earlier start's line stands in for them, at the level the short probe measured.
    if (calibration) engine.cost.assume(calibration);
    for (const r of results) engine.learnFrom(call, r);
    return { engine, session: opened.session, optimizeMs: opened.optimizeMs, calibrated: calibration !== null };
  }


  private startBenchmark(): boolean {
    if (this.benchmarkTask || !this.engine || !this.probe || this.abort.signal.aborted) return false;
    this.setState({ ...this.currentProvider, benchmarking: true });
    this.benchmarkTask = this.benchmark(this.engine, this.probe)
      .catch((err: unknown) => {
        if (this.abort.signal.aborted) return;
        this.options.log.warn({ error: err instanceof Error ? err.message : String(err) }, "provider benchmark failed; staying on the current provider");
      })
      .finally(() => {
        this.benchmarkTask = null;
        if (!this.abort.signal.aborted) this.setState({ ...this.currentProvider, benchmarking: false });
      });
    return true;
  }

  private async benchmark(engine: KokoroEngine, probe: ModelCall): Promise<void> {
    const runs = this.options.benchmarkRuns ?? DEFAULT_RUNS;
    const fingerprint = this.fingerprint();
    const subjects: TrialSubject[] = [CPU_CANDIDATE, ...this.autoList].map((candidate) =>
      candidate.name === this.current.name
        ? { kind: "live", name: candidate.name, engine }
        : { kind: "pool", candidate, open: () => this.openCandidate(candidate, 1) },
    );
    const { trials, best } = await runTrials({ subjects, probe, runs, live: engine, signal: this.abort.signal });
    const benchmark: ProviderBenchmark = { probeIds: probe.ids.length, runs, trials, at: new Date().toISOString() };
    const liveTrial = trials.find((t) => t.name === this.current.name);
    const summary = trials.map((t) => (t.ok ? `${t.name} ${t.medianMs} ms` : `${t.name} failed`)).join(", ");

    let chosen = this.current;
    let session = this.currentSession;
    if (best && liveTrial?.medianMs != null && best.medianMs < liveTrial.medianMs * SWITCH_FACTOR) {
      try {
        session = await this.switchTo(engine, best.candidate, best.opened, probe, liveTrial);
        chosen = best.candidate;
      } catch (err) {
        this.options.log.warn({ provider: best.candidate.name, error: err instanceof Error ? err.message : String(err) }, "switch failed; staying on the current provider");
      }
    } else {
      await Promise.all(best?.opened.pool.workers.map((w) => w.close()) ?? []);
    }
    const reason = `${chosen.name} chosen (probe median: ${summary}; a switch needs valid audio and a 10% lead)`;
    await this.decisions.write(fingerprint, { name: chosen.name, reason, benchmark });
    this.options.log.info({ provider: chosen.name, trials }, "provider benchmark done");
    this.setState({ name: chosen.name, reason: `auto: ${reason}`, fallback: this.currentProvider.fallback, benchmark, cached: false, benchmarking: false }, session ?? undefined);
  }

  /** Grows the winner's one-worker pool to the configured size, checks every new worker, then swaps atomically. */
  private async switchTo(
    engine: KokoroEngine,
    candidate: ProviderCandidate,
    opened: OpenedPool,
    probe: ModelCall,
    liveTrial: { name: string },
  ): Promise<SessionInfo> {
    const first = opened.pool.workers[0]!;
    let extra: InferenceWorker[] = [];
    try {
      extra = await startWorkers(this.options.workers - 1, opened.pool.startWorker);
      for (const worker of extra) {
        this.abort.signal.throwIfAborted();
        const result = await probeWorker(worker, probe);
        if (result.problem) throw new Error(`invalid audio: ${result.problem}`);
      }
    } catch (err) {
      await Promise.all([first, ...extra].map((w) => w.close()));
      throw err;
    }
    engine.swap({ ...opened.pool, workers: [first, ...extra] });
    this.current = candidate;
    // The new workers' cost is unknown until measured: two sizes, so plans are sized from it again.
    await engine.seedCost(probe, [8, 40]).catch((err: unknown) => this.options.log.warn({ err }, "measuring the new provider's call cost failed"));
    this.options.log.info({ from: liveTrial.name, to: candidate.name }, "switched execution provider");
    return { ...opened.session, workers: this.options.workers };
  }

  private setState(provider: Omit<ProviderState, "requested">, session?: SessionInfo): void {
    this.currentProvider = { ...provider, requested: this.options.requested };
    if (session) this.currentSession = session;
    this.onChange?.();
  }
}
