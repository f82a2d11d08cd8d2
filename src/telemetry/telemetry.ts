import { ServerMetrics, type ScrapeSources } from "./metrics.js";
import { RecentWindow } from "./recent-window.js";
import { RequestTelemetry, type LineLogger } from "./request-telemetry.js";

/** The server's telemetry: metrics, recent TTFA/RTF for /status, and a RequestTelemetry per request. */
export class Telemetry {
  readonly metrics: ServerMetrics;
  readonly recentTtfaMs = new RecentWindow();
  readonly recentRtf = new RecentWindow();
  private active = 0;
  private slotsInUse: () => number = () => 0;

  constructor(sources: Omit<ScrapeSources, "activeStreams" | "activeRequests">) {
    this.metrics = new ServerMetrics({ ...sources, activeStreams: () => this.active, activeRequests: () => this.slotsInUse() });
  }

  get activeStreams(): number {
    return this.active;
  }

  /** Requests holding a maxActiveRequests slot (the app tells where to read them). */
  get activeRequests(): number {
    return this.slotsInUse();
  }

  countSlots(inUse: () => number): void {
    this.slotsInUse = inUse;
  }

  /** Starts timing one request; the caller must `end()` it exactly once (extra calls are ignored). */
  begin(route: string, log: LineLogger, fields: Record<string, unknown> = {}): RequestTelemetry {
    this.active++;
    return new RequestTelemetry(route, log, {
      metrics: this.metrics,
      recentTtfa: this.recentTtfaMs,
      recentRtf: this.recentRtf,
      onEnd: () => this.active--,
    }, fields);
  }
}
