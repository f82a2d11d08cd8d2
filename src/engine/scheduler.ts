import { performance } from "node:perf_hooks";
import { CancelledError, InferenceError, QueueFullError } from "./errors.js";
import type { InferenceOutput, InferenceWorker } from "./worker/handle.js";

/** A model call as the scheduler sees it: ready-made tensors plus when its listener needs it. */
export interface ScheduledCall {
  /** Token ids including the two pads. */
  readonly ids: BigInt64Array;
  readonly style: Float32Array;
  readonly speed: number;
  /** performance.now() time by which the listener runs out of audio without this call; earlier runs first. */
  readonly deadline: number;
  readonly signal?: AbortSignal;
}

export interface SchedulerOptions {
  /** Calls waiting for a worker beyond this are refused with QueueFullError. */
  readonly maxQueued: number;
}

export interface SchedulerStats {
  readonly workers: number;
  readonly busy: number;
  readonly queued: number;
  readonly started: number;
  readonly completed: number;
  readonly failed: number;
  /** Queued calls dropped because their request was cancelled (client gone) before they ran. */
  readonly dropped: number;
  /** Calls refused because the queue was full. */
  readonly rejected: number;
}

/** What the scheduler adds to a worker's answer: how long the call waited for a worker. */
export interface ScheduledOutput extends InferenceOutput {
  readonly queueMs: number;
}

interface Waiting {
  readonly call: ScheduledCall;
  readonly order: number;
  readonly submittedAt: number;
  resolve(out: ScheduledOutput): void;
  reject(err: Error): void;
  onAbort?: () => void;
}

/**
 * The one place inference happens: a pool of inference workers (each a worker thread with its own
 * ONNX Runtime session) fed from a queue ordered by deadline, so the first call of a new request is
 * not stuck behind the tail of a long one. Cancelled calls leave the queue at once; a worker that
 * dies is replaced, and only the call it was running fails.
 */
export class Scheduler {
  private readonly queue: Waiting[] = [];
  private readonly idle: InferenceWorker[];
  private order = 0;
  private busy = 0;
  private closed = false;
  private counts = { started: 0, completed: 0, failed: 0, dropped: 0, rejected: 0 };
  /** Workers of a replaced pool still finishing a call; each closes when its call ends. */
  private readonly retired = new Set<InferenceWorker>();

  constructor(
    private readonly workers: InferenceWorker[],
    private restart: () => Promise<InferenceWorker>,
    private readonly options: SchedulerOptions,
  ) {
    this.idle = [...workers];
  }

  /**
   * Replaces the whole pool at once (e.g. after a switch of execution provider): waiting and new calls
   * go to the fresh workers from now on; idle old workers close now, busy ones when their call ends,
   * so no call is lost or run twice. The caller hands over ready (warmed, validated) workers.
   */
  swap(fresh: readonly InferenceWorker[], restart: () => Promise<InferenceWorker>): void {
    if (fresh.length === 0) throw new RangeError("a worker pool needs at least one worker");
    if (this.closed) {
      for (const w of fresh) void w.close();
      return;
    }
    const old = this.workers.splice(0, this.workers.length, ...fresh);
    const idleOld = new Set(this.idle.splice(0, this.idle.length, ...fresh));
    this.restart = restart;
    for (const w of old) {
      if (idleOld.has(w)) void w.close();
      else this.retired.add(w);
    }
    this.dispatch();
  }

  submit(call: ScheduledCall): Promise<ScheduledOutput> {
    if (this.closed) return Promise.reject(new InferenceError("the engine is closed"));
    if (call.signal?.aborted) return Promise.reject(new CancelledError("request cancelled"));
    if (this.queue.length >= this.options.maxQueued && this.idle.length === 0) {
      this.counts.rejected++;
      return Promise.reject(new QueueFullError(`inference queue is full (${this.options.maxQueued} calls waiting)`));
    }
    return new Promise<ScheduledOutput>((resolve, reject) => {
      const waiting: Waiting = { call, order: this.order++, submittedAt: performance.now(), resolve, reject };
      if (call.signal) {
        waiting.onAbort = () => {
          const index = this.queue.indexOf(waiting);
          if (index === -1) return; // already running: it finishes, the caller ignores the result
          this.queue.splice(index, 1);
          this.counts.dropped++;
          reject(new CancelledError("request cancelled"));
        };
        call.signal.addEventListener("abort", waiting.onAbort, { once: true });
      }
      this.enqueue(waiting);
      this.dispatch();
    });
  }

  stats(): SchedulerStats {
    return { workers: this.workers.length, busy: this.busy, queued: this.queue.length, ...this.counts };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.queue.splice(0)) w.reject(new InferenceError("the engine is closed"));
    await Promise.all([...this.workers, ...this.retired].map((w) => w.close()));
    this.retired.clear();
  }

  /** Inserts by (deadline, arrival order): a small sorted array, since queues stay short. */
  private enqueue(waiting: Waiting): void {
    const at = this.queue.findIndex(
      (w) => w.call.deadline > waiting.call.deadline || (w.call.deadline === waiting.call.deadline && w.order > waiting.order),
    );
    if (at === -1) this.queue.push(waiting);
    else this.queue.splice(at, 0, waiting);
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const next = this.queue.shift()!;
      if (next.onAbort) next.call.signal?.removeEventListener("abort", next.onAbort);
      this.run(worker, next);
    }
  }

  private run(worker: InferenceWorker, waiting: Waiting): void {
    this.busy++;
    this.counts.started++;
    const { ids, style, speed } = waiting.call;
    const queueMs = performance.now() - waiting.submittedAt;
    worker.run(ids, style, speed).then(
      (out) => {
        this.counts.completed++;
        waiting.resolve({ ...out, queueMs });
        this.release(worker);
      },
      (err: Error) => {
        this.counts.failed++;
        waiting.reject(err);
        this.release(worker);
      },
    );
  }

  private release(worker: InferenceWorker): void {
    this.busy--;
    if (this.closed) return;
    if (this.retired.delete(worker)) {
      void worker.close();
      this.dispatch();
    } else if (worker.alive) {
      this.idle.push(worker);
      this.dispatch();
    } else {
      this.replace(worker);
    }
  }

  /** Starts a replacement for a dead worker; the others keep serving meanwhile. Retries every second. */
  private replace(dead: InferenceWorker): void {
    this.restart().then(
      (fresh) => {
        const index = this.workers.indexOf(dead);
        // Closed, or the pool was swapped meanwhile: this replacement belongs to no pool.
        if (this.closed || index === -1) return void fresh.close();
        this.workers[index] = fresh;
        this.idle.push(fresh);
        this.dispatch();
      },
      () => {
        if (!this.closed && this.workers.includes(dead)) setTimeout(() => this.replace(dead), 1000).unref();
      },
    );
  }
}
