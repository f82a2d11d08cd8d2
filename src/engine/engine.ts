import { performance } from "node:perf_hooks";
import { CancelledError } from "./errors.js";
import { InferenceWorker, type WorkerInfo } from "./worker/handle.js";
import { CostModel } from "./cost-model.js";
import { Scheduler, type ScheduledOutput, type SchedulerStats } from "./scheduler.js";
import type { WorkerSessionOptions } from "./worker/protocol.js";
import { MAX_PHONEME_IDS, PAD_ID, SAMPLE_RATE } from "../model/contract.js";

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
  /**
   * Internal work (e.g. a provider benchmark): it runs only when no request's call is waiting (its
   * deadline is +∞), and is neither observed by telemetry nor learned by the cost model.
   */
  readonly background?: boolean;
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

/** Ready inference workers that run one model with the same session options, and how to start one more like them. */
export interface WorkerPool {
  readonly workers: readonly InferenceWorker[];
  /** Starts another worker like these (replacing one that crashed). */
  readonly startWorker: () => Promise<InferenceWorker>;
  /** The model the workers run, as given (not an optimized copy): the identity audio caches key on. */
  readonly modelPath: string;
}

/** The model's input ids for a call: its phoneme ids wrapped in the two pads. */
export function withPads(phonemeIds: readonly number[]): BigInt64Array {
  const ids = new BigInt64Array(phonemeIds.length + 2);
  ids[0] = BigInt(PAD_ID);
  phonemeIds.forEach((id, i) => (ids[i + 1] = BigInt(id)));
  ids[ids.length - 1] = BigInt(PAD_ID);
  return ids;
}

/** Starts `count` workers one at a time: the first failure (missing or corrupt model) stops the rest. */
export async function startWorkers(count: number, start: () => Promise<InferenceWorker>): Promise<InferenceWorker[]> {
  const workers: InferenceWorker[] = [];
  try {
    for (let i = 0; i < count; i++) workers.push(await start());
  } catch (err) {
    await Promise.all(workers.map((w) => w.close()));
    throw err;
  }
  return workers;
}

/**
 * The Kokoro model: a scheduler over a pool of inference workers. It wraps ids in pads and
 * enforces the 510-id limit; the scheduler orders calls by deadline, drops cancelled ones and
 * replaces crashed workers, so one failing call never takes the server down.
 */
export class KokoroEngine {
  /** Model calls submitted since load (for stats and tests). */
  private calls = 0;
  private costModel = new CostModel();
  private pool: WorkerPool;
  /** Called after every successful model call (telemetry). */
  readonly observers = new Set<(call: CallObservation) => void>();

  private constructor(
    private readonly scheduler: Scheduler,
    pool: WorkerPool,
  ) {
    this.pool = pool;
  }

  static async load(modelPath: string, session: WorkerSessionOptions = {}, options: EngineOptions = {}): Promise<KokoroEngine> {
    const startWorker = (): Promise<InferenceWorker> => InferenceWorker.start(modelPath, session);
    const workers = await startWorkers(Math.max(1, options.workers ?? 1), startWorker);
    return KokoroEngine.fromPool({ workers, startWorker, modelPath }, options);
  }

  /** An engine over workers that are already running (see providers/ for how pools are opened). */
  static fromPool(pool: WorkerPool, options: Pick<EngineOptions, "maxQueued"> = {}): KokoroEngine {
    const scheduler = new Scheduler([...pool.workers], pool.startWorker, { maxQueued: options.maxQueued ?? 256 });
    return new KokoroEngine(scheduler, pool);
  }

  /** What the serving workers run (names and types of the model's inputs and outputs, load time). */
  get info(): WorkerInfo {
    return this.pool.workers[0]!.info;
  }

  get modelPath(): string {
    return this.pool.modelPath;
  }

  /** Measured cost of calls on the current workers, for sizing them (TTFA-first planning). */
  get cost(): CostModel {
    return this.costModel;
  }

  /**
   * Serves from `pool` from now on (a switch of execution provider). Calls already running finish on
   * the old workers, which then close; the cost model starts afresh, since the new workers' costs differ.
   */
  swap(pool: WorkerPool): void {
    this.scheduler.swap(pool.workers, pool.startWorker);
    this.pool = pool;
    this.costModel = new CostModel();
  }

  /** Feeds a call the workers ran outside the scheduler (the start-up probe) to the cost model. */
  learnFrom(call: ModelCall, out: { readonly audio: Float32Array; readonly inferMs: number }): void {
    learn(this.costModel, call, out);
  }

  /**
   * Runs calls of the given sizes (the call's ids repeated or cut to each size) so the cost model knows the cost of
   * a call on these workers before the first request is planned: the first call is sized from it (TTFA target).
   */
  async seedCost(call: ModelCall, sizes: readonly number[]): Promise<void> {
    for (const size of sizes) {
      const ids = Array.from({ length: Math.min(size, MAX_PHONEME_IDS) }, (_, i) => call.ids[i % call.ids.length]!);
      await this.infer({ ...call, ids });
    }
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
    const ids = withPads(call.ids);
    const result = this.scheduler.submit({
      ids,
      // The style row is copied because postMessage would otherwise clone the whole voice pack it views.
      style: call.style.slice(),
      speed: call.speed,
      deadline: options.background ? Number.POSITIVE_INFINITY : (options.deadline ?? performance.now()),
      signal: options.signal,
    });
    if (options.background) return result;
    const cost = this.costModel;
    void result.then(
      (out) => {
        learn(cost, call, out);
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

/** One call's cost, and the audio it made per id (pads included) at speed 1: the model's speaking rate. */
function learn(cost: CostModel, call: ModelCall, out: { readonly audio: Float32Array; readonly inferMs: number }): void {
  cost.observe(call.ids.length, out.inferMs, ((out.audio.length / SAMPLE_RATE) * 1000 * call.speed) / (call.ids.length + 2));
}
