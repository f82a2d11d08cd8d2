import { performance } from "node:perf_hooks";
import { SAMPLE_RATE } from "../../model/contract.js";

/**
 * The playback position of a real-time sink, modelled: it advances at the sample rate while there is
 * written audio and the sink is not paused, stops when it runs dry, and (for a player process) starts
 * `startLatencyMs` after audio arrives at a starved player, the device's own buffering.
 */
export class RealtimeClock {
  private written = 0;
  private position = 0;
  private last: number;
  private startAt = 0;
  private paused = false;
  private pausedAt = 0;

  constructor(
    private readonly startLatencyMs = 0,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.last = now();
  }

  write(samples: number): void {
    this.advance();
    if (this.position >= this.written) this.startAt = this.now() + this.startLatencyMs;
    this.written += samples;
  }

  played(): number {
    this.advance();
    return Math.floor(this.position);
  }

  ahead(): number {
    this.advance();
    return this.written - Math.floor(this.position);
  }

  get isPaused(): boolean {
    return this.paused;
  }

  pause(): void {
    if (this.paused) return;
    this.advance();
    this.paused = true;
    this.pausedAt = this.last;
  }

  resume(): void {
    if (!this.paused) return;
    this.advance();
    // A start latency still pending when paused is still pending after.
    if (this.startAt > this.pausedAt) this.startAt += this.last - this.pausedAt;
    this.paused = false;
  }

  /** Forgets audio not yet played. */
  discard(): void {
    this.advance();
    this.position = Math.floor(this.position);
    this.written = this.position;
  }

  msUntilAhead(samples: number): number {
    if (this.paused) return Number.POSITIVE_INFINITY;
    const excess = this.ahead() - samples;
    if (excess <= 0) return 0;
    return Math.max(0, this.startAt - this.now()) + (excess * 1000) / SAMPLE_RATE;
  }

  private advance(): void {
    const t = this.now();
    if (!this.paused && this.position < this.written) {
      const from = Math.max(this.last, this.startAt);
      if (t > from) this.position = Math.min(this.written, this.position + ((t - from) * SAMPLE_RATE) / 1000);
    }
    this.last = t;
  }
}
