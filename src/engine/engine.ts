import { InferenceWorker, type InferenceOutput, type WorkerInfo } from "./inference-worker.js";
import { MAX_PHONEME_IDS, PAD_ID } from "./vocab.js";
import type { WorkerSessionOptions } from "./worker/protocol.js";

export const SAMPLE_RATE = 24_000;

/** One model call: phoneme token ids without pads (at most 510), the voice row and the speed. */
export interface ModelCall {
  readonly ids: readonly number[];
  readonly style: Float32Array;
  readonly speed: number;
}

export class CancelledError extends Error {
  override readonly name = "CancelledError";
}

/**
 * The Kokoro model behind one inference worker. It wraps ids in pads, enforces the 510-id limit
 * and restarts the worker after a crash so that one failing call never takes the server down.
 * (The streaming issue replaces the single worker with a scheduler over a worker pool.)
 */
export class KokoroEngine {
  /** Model calls started since load (for stats and tests). */
  private calls = 0;

  private constructor(
    private worker: InferenceWorker,
    readonly modelPath: string,
    private readonly session: WorkerSessionOptions,
  ) {}

  static async load(modelPath: string, session: WorkerSessionOptions = {}): Promise<KokoroEngine> {
    const worker = await InferenceWorker.start(modelPath, session);
    return new KokoroEngine(worker, modelPath, session);
  }

  get callCount(): number {
    return this.calls;
  }

  get info(): WorkerInfo {
    return this.worker.info;
  }

  async infer(call: ModelCall, signal?: AbortSignal): Promise<InferenceOutput> {
    if (call.ids.length === 0) throw new RangeError("a model call needs at least one phoneme id");
    if (call.ids.length > MAX_PHONEME_IDS) {
      throw new RangeError(`a model call takes at most ${MAX_PHONEME_IDS} phoneme ids, got ${call.ids.length}`);
    }
    if (signal?.aborted) throw new CancelledError("request cancelled");
    this.calls++;
    if (!this.worker.alive) this.worker = await InferenceWorker.start(this.modelPath, this.session);
    const ids = new BigInt64Array(call.ids.length + 2);
    ids[0] = BigInt(PAD_ID);
    call.ids.forEach((id, i) => (ids[i + 1] = BigInt(id)));
    ids[ids.length - 1] = BigInt(PAD_ID);
    // The style row is copied because postMessage would otherwise clone the whole voice pack it views.
    return this.worker.run(ids, call.style.slice(), call.speed);
  }

  close(): Promise<void> {
    return this.worker.close();
  }
}
