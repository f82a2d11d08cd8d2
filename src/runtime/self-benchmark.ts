import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { Logger } from "pino";
import { resolveVoice } from "../engine/voices/index.js";
import { SAMPLE_RATE } from "../model/contract.js";
import { prepareSpeech, synthesize, type SpeechServices } from "../pipeline/speech.js";

/** The texts every self-benchmark speaks: short enough to stay out of listeners' way, long enough to mean something. */
const TEXTS = {
  sentence: "The quick brown fox jumps over the lazy dog.",
  paragraph:
    "A server that people leave running all day should know how fast it is. Every so often it reads this " +
    "paragraph to itself, at the lowest priority, and writes down how long that took.",
} as const;

export interface SelfBenchmarkSummary {
  readonly at: string;
  readonly reportFile: string;
  /** Per text: time to the first call's audio, total time, audio seconds and RTF. */
  readonly results: Record<string, { firstAudioMs: number; totalMs: number; audioS: number; rtf: number; calls: number }>;
}

/**
 * Scheduled self-benchmark (off unless `selfBenchmarkMinutes` > 0): speaks fixed texts through the normal
 * pipeline at background priority (the scheduler runs every listener's calls first), writes a JSON report
 * to the reports dir and keeps the last summary for /status. Nothing here blocks the event loop: inference
 * runs in the workers like any request.
 */
export class SelfBenchmark {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private last: SelfBenchmarkSummary | null = null;
  private lastError: string | null = null;
  private readonly controller = new AbortController();

  constructor(
    private readonly services: () => SpeechServices | null,
    private readonly options: { readonly everyMinutes: number; readonly reportsDir: string; readonly voice: string },
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.options.everyMinutes <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.runOnce(), this.options.everyMinutes * 60_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.controller.abort();
    await this.running;
  }

  /** For /status. */
  status(): Record<string, unknown> {
    return { every_minutes: this.options.everyMinutes, last: this.last, last_error: this.lastError };
  }

  /** One run now (the timer calls this; overlapping runs are skipped). */
  runOnce(): Promise<void> {
    this.running ??= this.measure().finally(() => (this.running = null));
    return this.running;
  }

  private async measure(): Promise<void> {
    const services = this.services();
    if (!services) return;
    try {
      const voice = resolveVoice(this.options.voice, services.voices);
      if (!voice.ok) throw new Error(voice.message);
      const results: SelfBenchmarkSummary["results"] = {};
      for (const [name, text] of Object.entries(TEXTS)) {
        const started = performance.now();
        const prepared = await prepareSpeech({ text, voice: voice.voice, speed: 1, lang: "en-us" }, services.frontEnd);
        let firstAudioMs = -1;
        let samples = 0;
        // Caching would measure the cache, not the model: each call goes to the engine.
        for await (const chunk of synthesize(prepared, { ...services, cache: undefined }, { signal: this.controller.signal, background: true })) {
          if (firstAudioMs < 0) firstAudioMs = performance.now() - started;
          samples += chunk.samples.length;
        }
        const totalMs = performance.now() - started;
        const audioS = samples / SAMPLE_RATE;
        results[name] = { firstAudioMs: round(firstAudioMs), totalMs: round(totalMs), audioS: round(audioS, 3), rtf: round(totalMs / 1000 / audioS, 4), calls: prepared.chunks.length };
      }
      const at = new Date().toISOString();
      await mkdir(this.options.reportsDir, { recursive: true });
      const reportFile = path.join(this.options.reportsDir, `self-benchmark-${at.replace(/[:.]/g, "-")}.json`);
      const report = { at, scheduler: services.engine.stats(), costModel: services.engine.cost.snapshot(), results };
      await writeFile(reportFile, `${JSON.stringify(report, null, 2)}\n`);
      this.last = { at, reportFile, results };
      this.lastError = null;
      this.logger.info({ report: reportFile, results }, "self-benchmark");
    } catch (err) {
      if (this.controller.signal.aborted) return;
      this.lastError = err instanceof Error ? err.message : String(err);
      this.logger.warn({ err: this.lastError }, "self-benchmark failed");
    }
  }
}

function round(value: number, digits = 1): number {
  return Number(value.toFixed(digits));
}
