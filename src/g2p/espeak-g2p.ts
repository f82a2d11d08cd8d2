// espeak-ng (phonemizer's WASM build) in a worker thread, mapped onto misaki's symbols, behind a
// (lang, text) LRU cache: the fallback of the misaki G2P for unknown words. espeak blocks the thread
// it runs on, so it never runs on the caller's (see espeak-worker/).
import { ENGLISH_LANGS, type EnglishLang } from "../text/lang.js";
import { EspeakCache } from "./espeak-cache.js";
import { EspeakWorker } from "./espeak-worker/handle.js";

export interface EspeakG2POptions {
  /** Most (lang, text) results kept in memory; 0 turns the cache off. Default 4096. */
  readonly cacheEntries?: number;
  /** Longer texts are not cached: they rarely repeat and would crowd out words. Default 2000. */
  readonly maxCachedTextLength?: number;
  /** Worker script speaking espeak-worker/protocol.ts. Default: espeak-worker/entry. */
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

/** Text → phonemes through espeak-ng; not a full `G2P` (no `tokens()`), only the fallback now. */
export class EspeakG2P {
  readonly name = "espeak";
  private readonly cache: EspeakCache<string>;
  private readonly maxCachedTextLength: number;
  private readonly worker: EspeakWorker;
  private readonly inFlight = new Map<string, Promise<string>>();
  private closed = false;
  private cacheHits = 0;

  constructor(options: EspeakG2POptions = {}) {
    this.cache = new EspeakCache(options.cacheEntries ?? 4096);
    this.maxCachedTextLength = options.maxCachedTextLength ?? 2000;
    this.worker = new EspeakWorker(options.workerUrl);
  }

  async phonemize(text: string, lang: EnglishLang): Promise<string> {
    if (this.closed) throw new Error("EspeakG2P is closed");
    if (!ENGLISH_LANGS.includes(lang)) throw new Error(`EspeakG2P: unsupported language ${JSON.stringify(lang)}`);
    if (text.trim() === "") return "";
    // EnglishLang has no newline, so the key cannot collide.
    const key = `${lang}\n${text}`;
    const known = this.cache.get(key) ?? this.inFlight.get(key);
    if (known !== undefined) {
      this.cacheHits++;
      return known;
    }
    const answer = this.worker.request(text, lang).then((phonemes) => {
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
  async warmUp(langs: readonly EnglishLang[] = ENGLISH_LANGS): Promise<void> {
    if (this.closed) throw new Error("EspeakG2P is closed");
    await Promise.all(langs.map((lang) => this.worker.request(WARM_UP_TEXT, lang)));
  }

  stats(): EspeakStats {
    return {
      workerCalls: this.worker.calls,
      cacheHits: this.cacheHits,
      cacheEntries: this.cache.size,
      workerStarts: this.worker.workerStarts,
      pending: this.worker.pending,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const stopped = this.worker.close(new Error("EspeakG2P was closed while phonemizing"));
    this.cache.clear();
    await stopped;
  }
}
