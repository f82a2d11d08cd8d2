import type { Worker } from "node:worker_threads";
import type { LanguageLoadState } from "../../g2p/background-languages.js";
import { CancelledError } from "../../engine/errors.js";
import type { Lang } from "../../text/lang.js";
import { InvalidPhonemesError } from "../../g2p/misaki/errors.js";
import { SpeechInputError } from "../errors.js";
import type { PhonemizedPiece } from "../../plan/units.js";
import { siblingScript, startWorker } from "../../util/worker-script.js";
import type { FrontEnd, PhonemesWithIds, PhonemizedHead, TextOptions } from "../front-end.js";
import { isFrontEndResponse, isLanguagesMessage, type CloseMessage, type FrontEndOp, type FrontEndRequest, type FrontEndWorkerData, type PreloadMessage } from "./protocol.js";

/** How long a closing worker may take to close its G2P (end espeak-ng's children) before it is terminated anyway. */
const CLOSE_WAIT_MS = 2000;

/** Asks the worker to close its G2P and waits for its answer (or its exit, or CLOSE_WAIT_MS). */
function closeInWorker(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      worker.off("message", onMessage);
      worker.off("exit", done);
      resolve();
    };
    const onMessage = (message: unknown): void => {
      if (typeof message === "object" && message !== null && "closed" in message) done();
    };
    const timer = setTimeout(done, CLOSE_WAIT_MS);
    worker.on("message", onMessage);
    worker.once("exit", done);
    worker.postMessage({ close: true } satisfies CloseMessage);
  });
}

interface Waiter {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * The error the worker reported, as the class the routes know: InvalidPhonemesError, and a language this server
 * cannot read (LanguageUnavailableError: es/fr/hi/it/pt without espeak-ng) as the 400 it is.
 */
function rebuild(error: { name: string; message: string; symbol?: string }): Error {
  if (error.name === "InvalidPhonemesError") return new InvalidPhonemesError(error.message, error.symbol ?? "");
  if (error.name === "LanguageUnavailableError") return new SpeechInputError(error.message, "language_unavailable", "lang");
  const out = new Error(error.message);
  out.name = error.name;
  return out;
}

/**
 * The front-end in a worker thread: normalizing, G2P and the espeak fallback never run on the HTTP thread,
 * whatever the text (only the planner, linear and quick, runs on the caller's). One worker serves every
 * request, interleaving them sentence by sentence; a request whose signal aborts is dropped at its next
 * sentence. A worker that dies fails what it was doing and is replaced on the next request.
 */
export class WorkerFrontEnd implements FrontEnd {
  readonly name = "misaki";
  private worker: Worker | undefined;
  private readonly waiters = new Map<number, Waiter>();
  private nextId = 1;
  private fallbackWords = 0;
  private closed = false;
  private starts = 0;
  private languages: LanguageLoadState | undefined;
  private preloading = false;

  constructor(private readonly data: FrontEndWorkerData) {}

  /** Workers started so far (a crash makes the next request start another). */
  get workerStarts(): number {
    return this.starts;
  }

  async phonemizeText(text: string, options: TextOptions, signal?: AbortSignal): Promise<PhonemizedPiece[]> {
    return (await this.request("pieces", text, options, signal)) as PhonemizedPiece[];
  }

  async phonemizeHead(text: string, options: TextOptions, signal?: AbortSignal): Promise<PhonemizedHead> {
    return (await this.request("head", text, options, signal)) as PhonemizedHead;
  }

  async normalize(text: string, options: TextOptions): Promise<string> {
    return (await this.request("normalize", text, options)) as string;
  }

  async phonemize(text: string, options: TextOptions): Promise<PhonemesWithIds> {
    return (await this.request("phonemize", text, options)) as PhonemesWithIds;
  }

  async sentenceEnds(text: string, lang: Lang): Promise<number[]> {
    return (await this.request("sentence-ends", text, { lang, codeBlocks: "skip" })) as number[];
  }

  /** Fallback words, and which languages are loaded (once the worker has said). */
  stats(): { readonly fallbackWords: number; readonly languages?: LanguageLoadState } {
    return { fallbackWords: this.fallbackWords, ...(this.languages === undefined ? {} : { languages: this.languages }) };
  }

  /**
   * Starts loading `preloadLangs` (if any) in the worker, one at a time in small steps, while it serves requests (a
   * request for a language being loaded waits for that load). Returns at once; `stats().languages` shows the
   * progress. A worker started later (after a crash) does the same.
   */
  loadLanguagesInBackground(): void {
    if (this.closed || this.preloading || (this.data.preloadLangs ?? []).length === 0) return;
    this.preloading = true;
    if (this.worker) this.worker.postMessage({ preload: true } satisfies PreloadMessage);
    else this.ensureWorker(); // posts it
  }

  /** Starts the worker, loads the lexicons and espeak, and runs the lookup code once. */
  async warmUp(): Promise<void> {
    await this.request("warm-up", "", { lang: "en-us", codeBlocks: "skip" });
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    this.rejectAll(new Error("the front-end was closed"));
    if (!worker) return;
    await closeInWorker(worker);
    await worker.terminate();
  }

  private request(op: FrontEndOp, text: string, options: TextOptions, signal?: AbortSignal): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error("the front-end is closed"));
    if (signal?.aborted) return Promise.reject(new CancelledError("request cancelled"));
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<unknown>((resolve, reject) => {
      const onAbort = (): void => {
        if (!this.waiters.delete(id)) return;
        worker.postMessage({ cancel: id });
        this.idle(worker);
        reject(new CancelledError("request cancelled"));
      };
      this.waiters.set(id, {
        resolve: (value) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(value);
        },
        reject: (error) => {
          signal?.removeEventListener("abort", onAbort);
          reject(error);
        },
      });
      signal?.addEventListener("abort", onAbort, { once: true });
      worker.ref(); // hold the process open only while someone waits for an answer
      const request: FrontEndRequest = { id, op, text, lang: options.lang, codeBlocks: options.codeBlocks, normalization: options.normalization };
      worker.postMessage(request);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(siblingScript(import.meta.url, "entry"), { workerData: this.data });
    this.starts++;
    worker.unref();
    worker.on("message", (message: unknown) => this.onMessage(worker, message));
    worker.on("error", (err) => this.onWorkerGone(worker, `front-end worker crashed: ${err.message}`));
    worker.on("exit", (code) => this.onWorkerGone(worker, `front-end worker exited (code ${code})`));
    this.worker = worker;
    if (this.preloading) worker.postMessage({ preload: true } satisfies PreloadMessage);
    return worker;
  }

  private onMessage(worker: Worker, message: unknown): void {
    if (isLanguagesMessage(message)) {
      if (worker === this.worker) this.languages = message.languages;
      return;
    }
    if (!isFrontEndResponse(message)) return;
    const waiter = this.waiters.get(message.id);
    if (message.ok) this.fallbackWords = Math.max(this.fallbackWords, message.fallbackWords);
    if (!waiter) return;
    this.waiters.delete(message.id);
    this.idle(worker);
    if (message.ok) waiter.resolve(message.value);
    else waiter.reject(rebuild(message.error));
  }

  private idle(worker: Worker): void {
    if (this.waiters.size === 0) worker.unref();
  }

  private onWorkerGone(worker: Worker, reason: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.languages = undefined;
    this.rejectAll(new Error(reason));
  }

  private rejectAll(error: Error): void {
    const waiters = [...this.waiters.values()];
    this.waiters.clear();
    for (const waiter of waiters) waiter.reject(error);
  }
}
