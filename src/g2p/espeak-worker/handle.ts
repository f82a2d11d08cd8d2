// The main thread's handle on the espeak-ng worker thread (entry.ts): starts it on first use, matches
// answers to requests, holds the process open only while an answer is awaited, and replaces a worker
// that crashed or exited on the next request.
import type { Worker } from "node:worker_threads";
import type { EnglishLang } from "../../text/lang.js";
import { siblingScript, startWorker } from "../../util/worker-script.js";
import { isEspeakResponse, type EspeakRequest } from "./protocol.js";

interface Waiter {
  resolve(phonemes: string): void;
  reject(error: Error): void;
}

export class EspeakWorker {
  private readonly workerUrl: URL;
  private readonly waiters = new Map<number, Waiter>();
  private worker: Worker | undefined;
  private nextId = 1;
  private requests = 0;
  private starts = 0;

  /** `workerUrl`: a worker script speaking protocol.ts. Default: entry.ts (or .js) next to this module. */
  constructor(workerUrl?: URL) {
    this.workerUrl = workerUrl ?? siblingScript(import.meta.url, "entry");
  }

  /** Requests sent to a worker so far. */
  get calls(): number {
    return this.requests;
  }

  /** Workers started so far; after a crash the next request starts another. */
  get workerStarts(): number {
    return this.starts;
  }

  /** Requests waiting for the worker now. */
  get pending(): number {
    return this.waiters.size;
  }

  request(text: string, lang: EnglishLang): Promise<string> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    this.requests++;
    return new Promise<string>((resolve, reject) => {
      this.waiters.set(id, { resolve, reject });
      // Hold the process open only while someone waits for an answer.
      worker.ref();
      const request: EspeakRequest = { id, text, lang };
      worker.postMessage(request);
    });
  }

  /** Fails every pending request with `error` and stops the worker. */
  async close(error: Error): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.rejectAll(error);
    if (worker !== undefined) await worker.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker !== undefined) return this.worker;
    const worker = startWorker(this.workerUrl);
    this.starts++;
    worker.unref();
    worker.on("message", (message: unknown) => this.onMessage(worker, message));
    worker.on("messageerror", (error) => this.onWorkerGone(worker, `espeak worker sent a bad message: ${error.message}`));
    worker.on("error", (error) => this.onWorkerGone(worker, `espeak worker crashed: ${error.message}`));
    worker.on("exit", (code) => this.onWorkerGone(worker, `espeak worker exited unexpectedly (code ${code})`));
    this.worker = worker;
    return worker;
  }

  private onMessage(worker: Worker, message: unknown): void {
    if (!isEspeakResponse(message)) return;
    const waiter = this.waiters.get(message.id);
    if (waiter === undefined) return;
    this.waiters.delete(message.id);
    if (this.waiters.size === 0) worker.unref();
    if ("error" in message) waiter.reject(new Error(`espeak failed: ${message.error}`));
    else waiter.resolve(message.phonemes);
  }

  /** A worker that crashed or exited: fail what it owed and let the next request start a fresh one. */
  private onWorkerGone(worker: Worker, reason: string): void {
    if (this.worker !== worker) return; // closed on purpose, or already handled ("error" precedes "exit")
    this.worker = undefined;
    void worker.terminate();
    this.rejectAll(new Error(reason));
  }

  private rejectAll(error: Error): void {
    const waiters = [...this.waiters.values()];
    this.waiters.clear();
    for (const waiter of waiters) waiter.reject(error);
  }
}
