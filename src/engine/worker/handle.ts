import type { Worker } from "node:worker_threads";
import { existsSync } from "node:fs";
import { siblingScript, startWorker } from "../../util/worker-script.js";
import { InferenceError, ModelLoadError } from "../errors.js";
import type { ModelIO } from "../model-io.js";
import type { FromWorker, RunRequest, WorkerSessionOptions } from "./protocol.js";

export interface InferenceOutput {
  readonly audio: Float32Array;
  readonly durations: Float32Array | null;
  readonly inferMs: number;
}

export interface WorkerInfo {
  readonly io: ModelIO;
  readonly loadMs: number;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

interface Pending {
  resolve(out: InferenceOutput): void;
  reject(err: Error): void;
}

/**
 * The main thread's handle on one inference worker (a worker thread owning one ONNX Runtime
 * session). Calls are answered in order; if the worker dies, every pending call is rejected.
 */
export class InferenceWorker {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** close() waiting for the running call to finish. */
  private readonly idleWaiters: (() => void)[] = [];
  private deadReason: string | null = null;

  private constructor(
    private readonly worker: Worker,
    readonly info: WorkerInfo,
  ) {
    worker.on("message", (msg: FromWorker) => this.onMessage(msg));
    worker.on("error", (err) => this.die(`inference worker crashed: ${err.message}`));
    worker.on("exit", (code) => this.die(`inference worker exited (code ${code})`));
  }

  static async start(modelPath: string, session: WorkerSessionOptions = {}): Promise<InferenceWorker> {
    if (!existsSync(modelPath)) throw new ModelLoadError(`model file not found: ${modelPath}`);
    const worker = startWorker(siblingScript(import.meta.url, "entry"), { workerData: { modelPath, session } });
    const info = await new Promise<WorkerInfo>((resolve, reject) => {
      const onMessage = (msg: FromWorker): void => {
        cleanup();
        if (msg.type === "ready") resolve({ io: msg.io, loadMs: msg.loadMs, inputs: msg.inputs, outputs: msg.outputs });
        else if (msg.type === "load-failed") reject(new ModelLoadError(`cannot load model ${modelPath}: ${msg.message}`));
        else reject(new ModelLoadError(`unexpected message from inference worker: ${msg.type}`));
      };
      const onError = (err: Error): void => {
        cleanup();
        reject(new ModelLoadError(`cannot load model ${modelPath}: ${err.message}`));
      };
      const onExit = (code: number): void => {
        cleanup();
        reject(new ModelLoadError(`cannot load model ${modelPath}: worker exited (code ${code})`));
      };
      const cleanup = (): void => {
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
      };
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
    }).catch(async (err: unknown) => {
      await worker.terminate();
      throw err;
    });
    return new InferenceWorker(worker, info);
  }

  get alive(): boolean {
    return this.deadReason === null;
  }

  /** Runs one model call. `ids` must already include the two pads. */
  run(ids: BigInt64Array, style: Float32Array, speed: number): Promise<InferenceOutput> {
    if (this.deadReason) return Promise.reject(new InferenceError(this.deadReason));
    const id = this.nextId++;
    const request: RunRequest = { type: "run", id, ids, style, speed };
    return new Promise<InferenceOutput>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage(request);
    });
  }

  /**
   * Stops the worker once the call it is running has finished (at most `patienceMs`): terminating a worker
   * while onnxruntime-node is inside `session.run()` aborts the whole process ("terminate called after
   * throwing an instance of 'Napi::Error'"), so a shutdown must never cut a run short.
   */
  async close(patienceMs = 60_000): Promise<void> {
    this.deadReason ??= "inference worker closed";
    if (this.pending.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => this.idleWaiters.push(resolve)),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, patienceMs))),
      ]);
      clearTimeout(timer);
    }
    await this.worker.terminate();
  }

  private onMessage(msg: FromWorker): void {
    if (msg.type !== "result" && msg.type !== "run-failed") return;
    const pending = this.pending.get(msg.id);
    if (!pending) return;
    this.pending.delete(msg.id);
    if (this.pending.size === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    if (msg.type === "result") pending.resolve({ audio: msg.audio, durations: msg.durations, inferMs: msg.inferMs });
    else pending.reject(new InferenceError(`inference failed: ${msg.message}`));
  }

  private die(reason: string): void {
    this.deadReason ??= reason;
    for (const p of this.pending.values()) p.reject(new InferenceError(this.deadReason));
    this.pending.clear();
    for (const wake of this.idleWaiters.splice(0)) wake();
  }
}
