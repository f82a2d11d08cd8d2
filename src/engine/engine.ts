import { performance } from "node:perf_hooks";
import { CancelledError } from "./errors.js";
import { InferenceWorker, type WorkerInfo } from "./inference-worker.js";
import { CostModel } from "./cost-model.js";
import { Scheduler, type ScheduledOutput, type SchedulerStats } from "./scheduler.js";
// The model contract (DESIGN.md): ids are wrapped in 0 pads, at most 510 ids without them.
const PAD_ID = 0;
const MAX_PHONEME_IDS = 510;
import type { WorkerSessionOptions } from "./worker/protocol.js";

export { CancelledError } from "./errors.js";
export { QueueFullError } from "./scheduler.js";

export const SAMPLE_RATE = 24_000;

/** One model call: phoneme token ids without pads (at most 510), the voice row and the speed. */
export interface ModelCall {
  readonly ids: readonly number[];
  readonly style: Float32Array;
  readonly speed: number;
}

export interface InferOptions {
  readonly signal?: AbortSignal;
  /** performance.now() time by which the listener needs this call's audio (default: now, i.e. urgent). */
  readonly deadline?: number;
}

/** One finished model call, as telemetry sees it. */
export interface CallObservation {
  readonly ids: number;
  readonly inferMs: number;
  readonly queueMs: number;
  readonly audioSeconds: number;
}

export interface EngineOptions {
  /** Inference workers, each a worker thread with its own session. */
  readonly workers?: number;
  /** Calls allowed to wait for a worker before new ones are refused. */
  readonly maxQueued?: number;
}

/**
 * The Kokoro model: a scheduler over a pool of inference workers. It wraps ids in pads and
 * enforces the 510-id limit; the scheduler orders calls by deadline, drops cancelled ones and
 * replaces crashed workers, so one failing call never takes the server down.
 */
export class KokoroEngine {
  /** Model calls submitted since load (for stats and tests). */
  private calls = 0;
  /** Measured cost of calls, for sizing them (TTFA-first planning). */
  readonly cost = new CostModel();
  /** Called after every successful model call (telemetry). */
  readonly observers = new Set<(call: CallObservation) => void>();

  private constructor(
    private readonly scheduler: Scheduler,
    readonly info: WorkerInfo,
    readonly modelPath: string,
  ) {}

  static async load(modelPath: string, session: WorkerSessionOptions = {}, options: EngineOptions = {}): Promise<KokoroEngine> {
    const count = Math.max(1, options.workers ?? 1);
    const workers: InferenceWorker[] = [];
    try {
      // One at a time: the first failure (missing or corrupt model) stops the rest.
      for (let i = 0; i < count; i++) workers.push(await InferenceWorker.start(modelPath, session));
    } catch (err) {
      await Promise.all(workers.map((w) => w.close()));
      throw err;
    }
    const scheduler = new Scheduler(workers, () => InferenceWorker.start(modelPath, session), {
      maxQueued: options.maxQueued ?? 256,
    });
    return new KokoroEngine(scheduler, workers[0]!.info, modelPath);
  }

  get callCount(): number {
    return this.calls;
  }

  stats(): SchedulerStats {
    return this.scheduler.stats();
  }

  async infer(call: ModelCall, options: InferOptions = {}): Promise<ScheduledOutput> {
    if (call.ids.length === 0) throw new RangeError("a model call needs at least one phoneme id");
    if (call.ids.length > MAX_PHONEME_IDS) {
      throw new RangeError(`a model call takes at most ${MAX_PHONEME_IDS} phoneme ids, got ${call.ids.length}`);
    }
    if (options.signal?.aborted) throw new CancelledError("request cancelled");
    this.calls++;
    const ids = new BigInt64Array(call.ids.length + 2);
    ids[0] = BigInt(PAD_ID);
    call.ids.forEach((id, i) => (ids[i + 1] = BigInt(id)));
    ids[ids.length - 1] = BigInt(PAD_ID);
    const result = this.scheduler.submit({
      ids,
      // The style row is copied because postMessage would otherwise clone the whole voice pack it views.
      style: call.style.slice(),
      speed: call.speed,
      deadline: options.deadline ?? performance.now(),
      signal: options.signal,
    });
    void result.then(
      (out) => {
        this.cost.observe(call.ids.length, out.inferMs);
        const seen: CallObservation = { ids: call.ids.length, inferMs: out.inferMs, queueMs: out.queueMs, audioSeconds: out.audio.length / SAMPLE_RATE };
        for (const observer of this.observers) observer(seen);
      },
      () => undefined,
    );
    return result;
  }

  close(): Promise<void> {
    return this.scheduler.close();
  }
}
