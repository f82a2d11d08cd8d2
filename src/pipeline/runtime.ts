import os from "node:os";
import { performance } from "node:perf_hooks";
import type { Logger } from "pino";
import { createProgressReporter, ensureModelAssets, resolveCacheDir } from "../assets/index.js";
import type { Config } from "../config/schema.js";
import { DEFAULT_SEAMS } from "../audio/seams.js";
import { AudioCache } from "../engine/audio-cache.js";
import { KokoroEngine } from "../engine/engine.js";
import { loadVoices, resolveVoice } from "../engine/voices/index.js";
import { createG2P } from "../g2p/index.js";
import { lexiconDirFor } from "./lexicon-dir.js";
import type { ModelInfo, RuntimeState, RuntimeView } from "./runtime-state.js";
import { prepareSpeech, synthesize, type SpeechServices } from "./speech.js";

const WARM_UP_TEXT = "Hello.";

/**
 * Owns everything a request needs: the model assets, the engine, the voices and the G2P. It starts
 * in the background so the HTTP server can report progress on `/health` while it loads.
 */
export class SpeechRuntime implements RuntimeView {
  private current: RuntimeState = { status: "loading", stage: "starting", progress: null, detail: null };
  private services: SpeechServices | null = null;
  private startPromise: Promise<SpeechServices> | null = null;

  constructor(
    private readonly config: Config,
    private readonly logger: Logger,
  ) {}

  get state(): RuntimeState {
    return this.current;
  }

  /** Loads once; later calls return the same promise (no duplicate model loads). */
  start(): Promise<SpeechServices> {
    this.startPromise ??= this.load().catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      this.current = { status: "failed", error: message };
      throw err;
    });
    return this.startPromise;
  }

  async close(): Promise<void> {
    const services = this.services;
    this.services = null;
    if (services) await Promise.all([services.engine.close(), services.g2p.close()]);
  }

  private setStage(stage: "downloading" | "loading" | "warming", progress: number | null = null, detail: string | null = null): void {
    this.current = { status: "loading", stage, progress, detail };
  }

  private async load(): Promise<SpeechServices> {
    const started = performance.now();
    const { modelPath, voicesPath, variant } = await this.resolveAssets();
    const lexiconDir = await lexiconDirFor(this.config, (p) => this.setStage("downloading", p.fraction ?? null, p.fileName));

    this.setStage("loading", null, modelPath);
    const g2p = createG2P({ lexiconDir, userLexiconPath: this.config.userLexicon });
    let engine: KokoroEngine;
    try {
      const intraOpNumThreads = this.config.intraOpThreads ?? Math.max(1, Math.floor(os.availableParallelism() / this.config.workers));
      engine = await KokoroEngine.load(
        modelPath,
        { intraOpNumThreads, interOpNumThreads: this.config.interOpThreads, graphOptimizationLevel: "all" },
        { workers: this.config.workers, maxQueued: this.config.maxQueuedCalls },
      );
    } catch (err) {
      await g2p.close();
      throw err;
    }
    const voices = await loadVoices(voicesPath).catch(async (err: unknown) => {
      await Promise.all([engine.close(), g2p.close()]);
      throw err;
    });
    const cache = this.config.audioCacheMB > 0 ? new AudioCache(this.config.audioCacheMB * 1024 * 1024) : undefined;
    const { pauseParagraphMs: paragraph, pauseSentenceMs: sentence, pauseClauseMs: clause } = this.config;
    const seams = { ...DEFAULT_SEAMS, pauseMs: { ...DEFAULT_SEAMS.pauseMs, paragraph, sentence, clause } };
    const services: SpeechServices = { engine, voices, g2p, cache, seams };

    this.setStage("warming");
    await g2p.warmUp();
    await this.warmUp(services);

    const model: ModelInfo = { path: modelPath, variant, voicesPath, io: engine.info.io, loadMs: engine.info.loadMs };
    const startupMs = performance.now() - started;
    this.services = services;
    this.current = { status: "ready", services, model, startupMs };
    this.logger.info({ model: modelPath, variant, voices: voicesPath, io: model.io, startup_ms: Math.round(startupMs) }, "ready");
    return services;
  }

  private async resolveAssets(): Promise<{ modelPath: string; voicesPath: string; variant: string | null }> {
    const { model, voices } = this.config;
    if (model && voices) return { modelPath: model, voicesPath: voices, variant: null };
    if (!this.config.autoDownload) {
      throw new Error("no model configured and autoDownload is off: pass --model PATH --voices PATH or run `kokoro download`");
    }
    this.setStage("downloading", 0);
    // Progress goes to /health and to stderr (a bar on a terminal, plain lines otherwise).
    const reporter = createProgressReporter({ stream: process.stderr });
    const assets = await ensureModelAssets({
      variant: this.config.variant,
      cacheDir: this.config.cacheDir ?? resolveCacheDir(),
      modelPath: model,
      voicesPath: voices,
      onProgress: (p) => {
        reporter.update(p);
        this.setStage("downloading", p.fraction ?? null, p.fileName);
      },
    }).finally(() => reporter.finish());
    return assets;
  }

  /** One short synthesis so the first real request pays no first-call costs (ORT allocation, espeak start). */
  private async warmUp(services: SpeechServices): Promise<void> {
    const resolved = resolveVoice(this.config.defaultVoice, services.voices);
    if (!resolved.ok) throw new Error(`defaultVoice: ${resolved.message}`);
    const prepared = await prepareSpeech({ text: WARM_UP_TEXT, voice: resolved.voice, speed: 1, lang: "en-us" }, services.g2p);
    for await (const chunk of synthesize(prepared, services)) {
      if (chunk.samples.length === 0 || chunk.samples.some((s) => Number.isNaN(s))) {
        throw new Error("the model produced invalid audio during warm-up");
      }
    }
  }
}
