import { performance } from "node:perf_hooks";
import type { ServerMetrics } from "./metrics.js";
import type { RecentWindow } from "./recent-window.js";

/** One model call of a request, as the request's log line reports it. */
export interface CallTiming {
  readonly inferMs: number;
  readonly queueMs: number;
  readonly cached: boolean;
}

export interface RequestOutcome {
  readonly audioSeconds: number;
  /** "done": all audio delivered; "cancelled": the client went away; "failed": synthesis broke off. */
  readonly result: "done" | "cancelled" | "failed";
  readonly error?: string;
}

/** Where the request's line goes: pino's or Fastify's request logger. */
export interface LineLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

interface Sinks {
  readonly metrics: ServerMetrics;
  readonly recentTtfa: RecentWindow;
  readonly recentRtf: RecentWindow;
  readonly onEnd: () => void;
}

const ms = (value: number): number => Math.round(value * 10) / 10;

/**
 * Timings of one speech request (HTTP or WebSocket session): queue wait, text+G2P, each model call,
 * time to the first audio byte written, total, audio seconds and RTF. `end` writes them as one log
 * line and into the metrics; it runs once, whatever way the request ends.
 */
export class RequestTelemetry {
  private readonly started = performance.now();
  private g2pMs = 0;
  private ttfaMs: number | null = null;
  private readonly calls: CallTiming[] = [];
  private characters = 0;
  private ended = false;

  constructor(
    readonly route: string,
    private readonly log: LineLogger,
    private readonly sinks: Sinks,
    private readonly fields: Record<string, unknown> = {},
  ) {}

  /** Text accepted for synthesis (a WebSocket session adds each piece). */
  text(characters: number, g2pMs: number): void {
    this.characters += characters;
    this.g2pMs += g2pMs;
    this.sinks.metrics.characters.inc({ route: this.route }, characters);
  }

  call(timing: CallTiming): void {
    this.calls.push(timing);
    if (timing.cached) return;
    this.sinks.metrics.inference.observe(timing.inferMs / 1000);
    this.sinks.metrics.queueWait.observe(timing.queueMs / 1000);
  }

  /** The first audio byte was handed to the transport. Later calls are ignored. */
  firstAudio(): void {
    if (this.ttfaMs !== null || this.ended) return;
    this.ttfaMs = performance.now() - this.started;
    this.sinks.metrics.ttfa.observe({ route: this.route }, this.ttfaMs / 1000);
    this.sinks.recentTtfa.add(this.ttfaMs);
  }

  get ttfa(): number | null {
    return this.ttfaMs;
  }

  end(outcome: RequestOutcome): void {
    if (this.ended) return;
    this.ended = true;
    this.sinks.onEnd();
    const totalMs = performance.now() - this.started;
    const rtf = outcome.audioSeconds > 0 ? totalMs / 1000 / outcome.audioSeconds : null;
    const { metrics } = this.sinks;
    metrics.audioSeconds.inc({ route: this.route }, outcome.audioSeconds);
    if (outcome.result === "cancelled") metrics.cancellations.inc({ route: this.route });
    if (outcome.result === "done" && rtf !== null) {
      metrics.rtf.observe({ route: this.route }, rtf);
      this.sinks.recentRtf.add(rtf);
    }
    const line = {
      ...this.fields,
      route: this.route,
      result: outcome.result,
      chars: this.characters,
      calls: this.calls.length,
      cached_calls: this.calls.filter((c) => c.cached).length,
      queue_ms: ms(this.calls.reduce((sum, c) => sum + c.queueMs, 0)),
      g2p_ms: ms(this.g2pMs),
      infer_ms: this.calls.map((c) => ms(c.inferMs)),
      ttfa_ms: this.ttfaMs === null ? null : ms(this.ttfaMs),
      total_ms: ms(totalMs),
      audio_s: Math.round(outcome.audioSeconds * 1000) / 1000,
      rtf: rtf === null ? null : Math.round(rtf * 10_000) / 10_000,
      ...(outcome.error ? { error: outcome.error } : {}),
    };
    if (outcome.result === "failed") this.log.warn(line, "speech failed");
    else this.log.info(line, "speech");
  }
}
