import os from "node:os";
import { performance } from "node:perf_hooks";
import type { Logger } from "pino";
import { AssetsMissingError, createProgressReporter, ensureModelAssets, missingAssets, resolveCacheDir } from "../assets/index.js";
import type { Config } from "../config/schema.js";
import { DEFAULT_SEAMS } from "../audio/seams.js";
import { AudioCache } from "../engine/audio-cache.js";
import type { ModelCall } from "../engine/engine.js";
import { ProviderManager, type CacheReset, type StartupProbe } from "../engine/providers/provider-manager.js";
import { shortProbeIds } from "../engine/providers/calibration.js";
import type { ProviderCandidate } from "../engine/providers/types.js";
import { loadVoices, resolveVoice, type ResolvedVoice, type VoiceStore } from "../engine/voices/index.js";
import { phonemesToIds } from "../g2p/vocab.js";
import { WorkerFrontEnd } from "../pipeline/front-end-worker/handle.js";
import { preloadLangsFor, warmLangsFor } from "../pipeline/front-end-worker/protocol.js";
import { lexiconDirFor } from "../assets/lexicon-dir.js";
import { modelSha256 } from "../assets/model-sha256.js";
import type { LoadingStage, ModelInfo, RuntimeState, RuntimeView, StartupTimings } from "./runtime-state.js";
import { prepareSpeech, synthesize, type SpeechServices } from "../pipeline/speech.js";

const WARM_UP_TEXT = "Hello.";
/**
 * The probe call every new session must answer with valid audio, and the `auto` benchmark times: misaki
 * phonemes of "Hello there, this is a short test." (fixed, so it needs no G2P and never changes).
 */
const PROBE_PHONEMES = "həlˈO ðˈɛɹ, ðɪs ɪz ɐ ʃˈɔɹt tˈɛst.";

export interface RuntimeOptions {
  /** Non-CPU providers to consider instead of what onnxruntime-node offers here (tests inject broken ones). */
  readonly providerCandidates?: readonly ProviderCandidate[];
  /** Timed probe runs per provider in the `auto` benchmark (default 5). */
  readonly benchmarkRuns?: number;
}

/** Threads per worker when not configured: the cores shared among the workers. */
export function defaultIntraOpThreads(workers: number, cores = os.availableParallelism()): number {
  return Math.max(1, Math.floor(cores / Math.max(1, workers)));
}

/**
 * Owns everything a request needs: the model assets, the engine, the voices and the G2P. It starts
 * in the background so the HTTP server can report progress on `/health` while it loads.
 */
export class SpeechRuntime implements RuntimeView {
  private current: RuntimeState = { status: "loading", stage: "starting", progress: null, detail: null };
  private services: SpeechServices | null = null;
  private providers: ProviderManager | null = null;
  private startPromise: Promise<SpeechServices> | null = null;
  private closed = false;

  constructor(
    private readonly config: Config,
    private readonly logger: Logger,
    private readonly options: RuntimeOptions = {},
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

  async resetProviderCache(): Promise<CacheReset> {
    if (!this.providers) throw new Error("the server is not ready yet");
    return this.providers.resetCache();
  }

  async close(): Promise<void> {
    this.closed = true;
    const services = this.services;
    this.services = null;
    await this.providers?.close();
    if (services) await Promise.all([services.engine.close(), services.frontEnd.close()]);
  }

  private setStage(stage: LoadingStage, progress: number | null = null, detail: string | null = null): void {
    this.current = { status: "loading", stage, progress, detail };
  }

  private async load(): Promise<SpeechServices> {
    const started = performance.now();
    const { modelPath, voicesPath, variant } = await this.resolveAssets();
    const lexiconDir = await lexiconDirFor(this.config, (p) => this.setStage("downloading", p.fraction ?? null, p.fileName));
    const downloadMs = performance.now() - started;
    // The front-end loads its lexicons in its own thread while the model loads in the inference workers.
    // The default voice's language is warmed with the front-end (espeak-ng started, the Japanese dictionary loaded);
    // the others (preloadLanguages) load in the background once the server is ready.
    const warmLangs = warmLangsFor(this.config.defaultVoice);
    const preloadLangs = preloadLangsFor(this.config.preloadLanguages, warmLangs);
    const frontEnd = new WorkerFrontEnd({ lexiconDir, warmLangs, preloadLangs, ...(this.config.userLexicon === undefined ? {} : { userLexiconPath: this.config.userLexicon }) });
    const frontEndReady = frontEnd.warmUp();
    frontEndReady.catch(() => undefined); // awaited below; a model failure first must not leave it unhandled
    try {
      return await this.loadWith(frontEnd, frontEndReady, { modelPath, voicesPath, variant, started, downloadMs });
    } catch (err) {
      await frontEnd.close();
      throw err;
    }
  }

  private async loadWith(
    frontEnd: WorkerFrontEnd,
    frontEndReady: Promise<void>,
    { modelPath, voicesPath, variant, started, downloadMs }: { modelPath: string; voicesPath: string; variant: string | null; started: number; downloadMs: number },
  ): Promise<SpeechServices> {
    this.setStage("loading", null, modelPath);
    const loadStarted = performance.now();
    const cacheDir = this.config.cacheDir ?? resolveCacheDir();
    // The voices load while the sessions do (only the probe needs them): the session is the long pole of a warm start.
    const voicesLoaded = loadVoices(voicesPath, { customVoices: this.config.customVoices, customVoiceLanguages: this.config.customVoiceLanguages, presets: this.config.voicePresets }).then((voices) => {
      const resolved = resolveVoice(this.config.defaultVoice, voices);
      if (!resolved.ok) throw new Error(`defaultVoice: ${resolved.message}`);
      return { voices, voice: resolved.voice };
    });
    voicesLoaded.catch(() => undefined); // awaited below (through the probe first)
    const sha256 = await modelSha256(modelPath, cacheDir);
    const workers = this.config.workers;
    const providers = new ProviderManager({
      requested: this.config.device,
      modelPath,
      modelSha256: sha256,
      hashModel: (file) => modelSha256(file, cacheDir),
      workers,
      intraOpThreads: this.config.intraOpThreads ?? defaultIntraOpThreads(workers),
      interOpThreads: this.config.interOpThreads,
      maxQueued: this.config.maxQueuedCalls,
      cacheDir,
      optimizedModelCache: this.config.optimizedModelCache,
      mappedWeights: this.config.mappedWeights,
      candidates: this.options.providerCandidates,
      benchmarkRuns: this.options.benchmarkRuns,
      log: this.logger,
    });
    const opened = await providers.open(voicesLoaded.then(({ voices, voice }) => startupProbe(voices, voice)), (stage, ready, total) =>
      this.setStage(stage, ready / total, `${stage === "optimizing" ? "optimizing the graph" : "loading sessions"} (${ready}/${total} workers)`),
    );
    const engine = opened.engine;
    const { voices, voice: defaultVoice } = await voicesLoaded;
    const loadMs = performance.now() - loadStarted;

    const cache = this.config.audioCacheMB > 0 ? new AudioCache(this.config.audioCacheMB * 1024 * 1024) : undefined;
    const { pauseParagraphMs: paragraph, pauseSentenceMs: sentence, pauseClauseMs: clause } = this.config;
    const seams = { ...DEFAULT_SEAMS, pauseMs: { ...DEFAULT_SEAMS.pauseMs, paragraph, sentence, clause } };
    const services: SpeechServices = { engine, voices, frontEnd, cache, seams };

    this.setStage("warming");
    const warmStarted = performance.now();
    try {
      await frontEndReady;
      // Its short call, with the probe's longer one, gives the cost model the two sizes it needs (see ProviderManager);
      // after a calibrated start (a short probe and the earlier start's line) only the front-end is warmed.
      await this.warmUp(services, defaultVoice, !opened.calibrated);
    } catch (err) {
      await Promise.all([engine.close(), providers.close()]);
      throw err;
    }
    const warmUpMs = performance.now() - warmStarted;

    const totalMs = performance.now() - started;
    const startup: StartupTimings = { downloadMs, loadMs, optimizeMs: opened.optimizeMs, warmUpMs, totalMs, calibration: opened.calibrated ? "previous start" : "measured" };
    const model: ModelInfo = { path: modelPath, variant, voicesPath, io: engine.info.io, loadMs: engine.info.loadMs, sha256 };
    if (this.closed) {
      await Promise.all([engine.close(), providers.close()]);
      throw new Error("the runtime was closed during start-up");
    }
    this.services = services;
    this.providers = providers;
    const publish = (): void => {
      const session = providers.session;
      if (!session || !this.services) return;
      this.current = { status: "ready", services, model, startupMs: totalMs, startup, provider: providers.provider, session, onnxruntime: providers.ort };
    };
    publish();
    providers.onChange = publish;
    const rounded = Object.fromEntries(Object.entries(startup).map(([k, v]) => [k, typeof v === "number" ? Math.round(v) : v]));
    this.logger.info(
      { model: modelPath, variant, voices: voicesPath, io: model.io, startup_ms: Math.round(totalMs), startup: rounded, provider: providers.provider, session: providers.session },
      "ready",
    );
    if (!opened.calibrated) void providers.saveCalibration();
    providers.startBackgroundBenchmarkIfDue();
    // Only now, so that neither readiness nor the default voice's warm-up waits for them.
    frontEnd.loadLanguagesInBackground();
    return services;
  }

  private async resolveAssets(): Promise<{ modelPath: string; voicesPath: string; variant: string | null }> {
    const { model, voices } = this.config;
    if (model && voices) return { modelPath: model, voicesPath: voices, variant: null };
    const cacheDir = this.config.cacheDir ?? resolveCacheDir();
    if (!this.config.autoDownload) {
      // Downloading is off: what the cache holds is used as it is; what it lacks is listed, each file with its flag.
      const missing = await missingAssets({ cacheDir, variant: this.config.variant, modelPath: model, voicesPath: voices, kinds: ["model", "voices"] });
      if (missing.length > 0) throw new AssetsMissingError(missing);
    }
    this.setStage("downloading", 0);
    // Progress goes to /health and to stderr (a bar on a terminal, plain lines otherwise).
    const reporter = createProgressReporter({ stream: process.stderr });
    const assets = await ensureModelAssets({
      variant: this.config.variant,
      cacheDir,
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
  private async warmUp(services: SpeechServices, voice: ResolvedVoice, callModel: boolean): Promise<void> {
    const prepared = await prepareSpeech({ text: WARM_UP_TEXT, voice, speed: 1, lang: "en-us" }, services.frontEnd);
    if (!callModel) return;
    for await (const chunk of synthesize(prepared, services)) {
      if (chunk.samples.length === 0 || chunk.samples.some((s) => Number.isNaN(s))) {
        throw new Error("the model produced invalid audio during warm-up");
      }
    }
  }
}

/** The probe calls (full and short) with the default voice's style row for their lengths, at speed 1. */
function startupProbe(voices: VoiceStore, voice: ResolvedVoice): StartupProbe {
  const ids = phonemesToIds(PROBE_PHONEMES);
  const full: ModelCall = { ids, style: voices.styleFor(voice, ids.length), speed: 1 };
  const short = shortProbeIds(full);
  return { full, short: { ids: short, style: voices.styleFor(voice, short.length), speed: 1 } };
}

