import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** Numbers read when /metrics is scraped (the scheduler and cache keep their own counters). */
export interface ScrapeSources {
  scheduler(): { queued: number; busy: number; workers: number; dropped: number; rejected: number } | null;
  cache(): { hits: number; misses: number; bytes: number } | null;
  activeStreams(): number;
  /** Requests and WebSocket sessions holding one of the maxActiveRequests slots. */
  activeRequests(): number;
  /** Words the G2P sent to its fallback engine since start. */
  g2pFallbackWords(): number;
  /** Whether the execution provider fell back to CPU. */
  providerFellBack(): boolean;
}

/**
 * The Prometheus registry (prom-client) and every instrument we export. One per server, so tests that
 * start several servers in one process never share counters.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly ttfa: Histogram<"route">;
  readonly rtf: Histogram<"route">;
  readonly inference: Histogram;
  readonly queueWait: Histogram;
  readonly requests: Counter<"route" | "method" | "status">;
  readonly characters: Counter<"route">;
  readonly audioSeconds: Counter<"route">;
  readonly cancellations: Counter<"route">;
  readonly fallbacks: Counter<"kind">;

  constructor(sources: ScrapeSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    const seconds = [0.01, 0.025, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5, 2.5, 5, 10];
    this.ttfa = new Histogram({ name: "kokoro_ttfa_seconds", help: "Time from request to the first audio byte written", labelNames: ["route"], buckets: seconds, registers });
    this.rtf = new Histogram({
      name: "kokoro_rtf",
      help: "Real-time factor of finished requests (generation time / audio time; below 1 is faster than real time)",
      labelNames: ["route"],
      buckets: [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 5],
      registers,
    });
    this.inference = new Histogram({ name: "kokoro_inference_seconds", help: "Inference time of one model call", buckets: seconds, registers });
    this.queueWait = new Histogram({ name: "kokoro_queue_wait_seconds", help: "Time a model call waited for an inference worker", buckets: [0.001, ...seconds], registers });
    this.requests = new Counter({ name: "kokoro_requests_total", help: "HTTP requests by route, method and status", labelNames: ["route", "method", "status"], registers });
    this.characters = new Counter({ name: "kokoro_input_characters_total", help: "Characters of input text accepted for synthesis", labelNames: ["route"], registers });
    this.audioSeconds = new Counter({ name: "kokoro_audio_seconds_total", help: "Seconds of audio delivered", labelNames: ["route"], registers });
    this.cancellations = new Counter({ name: "kokoro_cancellations_total", help: "Requests whose client went away before the audio was complete", labelNames: ["route"], registers });
    const lastFallback = { g2p: 0, provider: 0 };
    this.fallbacks = new Counter({
      name: "kokoro_fallbacks_total",
      help: "Fallbacks: words read by the G2P fallback engine (kind=g2p_word), execution provider fell back to CPU (kind=provider)",
      labelNames: ["kind"],
      registers,
      collect() {
        const words = sources.g2pFallbackWords();
        this.inc({ kind: "g2p_word" }, Math.max(0, words - lastFallback.g2p));
        lastFallback.g2p = words;
        const provider = sources.providerFellBack() ? 1 : 0;
        this.inc({ kind: "provider" }, Math.max(0, provider - lastFallback.provider));
        lastFallback.provider = Math.max(provider, lastFallback.provider);
      },
    });

    // Totals owned elsewhere (cache, scheduler) are copied in at scrape time.
    mirroredCounter("kokoro_cache_hits_total", "Audio cache hits (model calls answered from the cache)", registers, () => sources.cache()?.hits ?? null);
    mirroredCounter("kokoro_cache_misses_total", "Audio cache misses", registers, () => sources.cache()?.misses ?? null);
    mirroredCounter("kokoro_scheduler_dropped_total", "Queued model calls dropped because their client went away", registers, () => sources.scheduler()?.dropped ?? null);
    mirroredCounter("kokoro_scheduler_rejected_total", "Model calls refused because the queue was full", registers, () => sources.scheduler()?.rejected ?? null);
    new Gauge({
      name: "kokoro_cache_bytes",
      help: "Bytes held by the audio cache",
      registers,
      collect() {
        this.set(sources.cache()?.bytes ?? 0);
      },
    });
    new Gauge({
      name: "kokoro_queue_depth",
      help: "Model calls waiting for an inference worker",
      registers,
      collect() {
        this.set(sources.scheduler()?.queued ?? 0);
      },
    });
    new Gauge({
      name: "kokoro_workers_busy",
      help: "Inference workers running a model call",
      registers,
      collect() {
        this.set(sources.scheduler()?.busy ?? 0);
      },
    });
    new Gauge({
      name: "kokoro_active_streams",
      help: "Speech requests and WebSocket sessions being served",
      registers,
      collect() {
        this.set(sources.activeStreams());
      },
    });
    new Gauge({
      name: "kokoro_active_requests",
      help: "Speech requests and WebSocket sessions holding one of the maxActiveRequests slots (from acceptance to the end, front-end included)",
      registers,
      collect() {
        this.set(sources.activeRequests());
      },
    });
    new Gauge({
      name: "kokoro_rss_bytes",
      help: "Resident set size of the server process",
      registers,
      collect() {
        this.set(process.memoryUsage.rss());
      },
    });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/**
 * A counter for a running total kept elsewhere: at each scrape it adds what the total gained since the last
 * one (a counter only goes up; a total that restarts lower adds nothing until it passes the old value).
 */
function mirroredCounter(name: string, help: string, registers: Registry[], read: () => number | null): Counter {
  let last = 0;
  return new Counter({
    name,
    help,
    registers,
    collect() {
      const total = read();
      if (total === null) return;
      this.inc(Math.max(0, total - last));
      last = Math.max(last, total);
    },
  });
}
