// espeak-ng (phonemizer's WASM build) in a worker thread, mapped onto misaki's symbols, behind a
// (lang, text) LRU cache: the fallback of the misaki G2P for unknown words. espeak blocks the thread
// it runs on, so it never runs on the caller's.
import type { Worker } from "node:worker_threads";
import { siblingScript, startWorker } from "../util/worker-script.js";
import { EspeakCache } from "./espeak-cache.js";
import { isEspeakResponse, type EspeakRequest } from "./espeak-protocol.js";
import { LANGS, type Lang } from "./types.js";

export interface EspeakG2POptions {
  /** Most (lang, text) results kept in memory; 0 turns the cache off. Default 4096. */
  readonly cacheEntries?: number;
  /** Longer texts are not cached: they rarely repeat and would crowd out words. Default 2000. */
  readonly maxCachedTextLength?: number;
  /** Worker script speaking espeak-protocol.ts. Default: espeak-worker next to this module. */
  readonly workerUrl?: URL;
}

export interface EspeakStats {
  /** Requests sent to a worker: cache misses and warm-ups. */
  readonly workerCalls: number;
  /** Calls answered from the cache or by joining an identical call already in flight. */
  readonly cacheHits: number;
  readonly cacheEntries: number;
  /** Workers started so far; after a crash the next call starts another. */
  readonly workerStarts: number;
  /** Requests waiting for the worker now. */
  readonly pending: number;
}

const WARM_UP_TEXT = "The quick brown fox jumps over the lazy dog, and then it sleeps.";

interface Waiter {
  resolve(phonemes: string): void;
  reject(error: Error): void;
}

/** Text → phonemes through espeak-ng; not a full `G2P` (no `tokens()`), only the fallback now. */
export class EspeakG2P {
  readonly name = "espeak";
  private readonly cache: EspeakCache<string>;
  private readonly maxCachedTextLength: number;
  private readonly workerUrl: URL;
  private readonly inFlight = new Map<string, Promise<string>>();
  private readonly waiters = new Map<number, Waiter>();
  private worker: Worker | undefined;
  private nextId = 1;
  private closed = false;
  private workerCalls = 0;
  private cacheHits = 0;
  private workerStarts = 0;

  constructor(options: EspeakG2POptions = {}) {
    this.cache = new EspeakCache(options.cacheEntries ?? 4096);
    this.maxCachedTextLength = options.maxCachedTextLength ?? 2000;
    this.workerUrl = options.workerUrl ?? siblingScript(import.meta.url, "espeak-worker");
  }

  async phonemize(text: string, lang: Lang): Promise<string> {
    if (this.closed) throw new Error("EspeakG2P is closed");
    if (!LANGS.includes(lang)) throw new Error(`EspeakG2P: unsupported language ${JSON.stringify(lang)}`);
    if (text.trim() === "") return "";
    // Lang has no newline, so the key cannot collide.
    const key = `${lang}\n${text}`;
    const known = this.cache.get(key) ?? this.inFlight.get(key);
    if (known !== undefined) {
      this.cacheHits++;
      return known;
    }
    const answer = this.request(text, lang).then((phonemes) => {
      if (text.length <= this.maxCachedTextLength) this.cache.set(key, phonemes);
      return phonemes;
    });
    this.inFlight.set(key, answer);
    try {
      return await answer;
    } finally {
      this.inFlight.delete(key);
    }
  }

  /**
   * Starts the worker and loads espeak and each language's voice. The first calls are slow (WASM
   * start-up, then code and dictionary warming), so this phonemizes a real sentence, not a letter.
   */
  async warmUp(langs: readonly Lang[] = LANGS): Promise<void> {
    if (this.closed) throw new Error("EspeakG2P is closed");
    await Promise.all(langs.map((lang) => this.request(WARM_UP_TEXT, lang)));
  }

  stats(): EspeakStats {
    return {
      workerCalls: this.workerCalls,
      cacheHits: this.cacheHits,
      cacheEntries: this.cache.size,
      workerStarts: this.workerStarts,
      pending: this.waiters.size,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    this.rejectAll(new Error("EspeakG2P was closed while phonemizing"));
    this.cache.clear();
    if (worker !== undefined) await worker.terminate();
  }

  private request(text: string, lang: Lang): Promise<string> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    this.workerCalls++;
    return new Promise<string>((resolve, reject) => {
      this.waiters.set(id, { resolve, reject });
      // Hold the process open only while someone waits for an answer.
      worker.ref();
      const request: EspeakRequest = { id, text, lang };
      worker.postMessage(request);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker !== undefined) return this.worker;
    const worker = startWorker(this.workerUrl);
    this.workerStarts++;
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

  /** A worker that crashed or exited: fail what it owed and let the next call start a fresh one. */
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
