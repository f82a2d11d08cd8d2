import { samplesOf } from "./defaults.js";

export interface PreRollOptions {
  readonly initialMs?: number;
  readonly minMs?: number;
  readonly maxMs?: number;
  /** Seconds of playback without an underrun after which the pre-roll shrinks one step. */
  readonly stableSeconds?: number;
}

/**
 * How much audio to hold before playing (at the start of an utterance and after an underrun). Small at
 * first so speech starts at once; doubled after each underrun (the stream is slower than we hoped);
 * shrunk by a quarter after each stretch of stable playback. It lives as long as the daemon, because the
 * conditions it adapts to (server speed, network) outlast one utterance.
 */
export class AdaptivePreRoll {
  private readonly min: number;
  private readonly max: number;
  private readonly stable: number;
  private current: number;
  private stableFor = 0;

  constructor(opts: PreRollOptions = {}) {
    this.min = samplesOf(opts.minMs ?? 40);
    this.max = samplesOf(opts.maxMs ?? 3000);
    this.current = Math.min(this.max, Math.max(this.min, samplesOf(opts.initialMs ?? 80)));
    this.stable = samplesOf((opts.stableSeconds ?? 10) * 1000);
  }

  /** Samples to buffer before (re)starting. */
  get samples(): number {
    return this.current;
  }

  underrun(): void {
    this.current = Math.min(this.max, this.current * 2);
    this.stableFor = 0;
  }

  /** `samples` of audio played without an underrun. */
  played(samples: number): void {
    this.stableFor += samples;
    while (this.stableFor >= this.stable) {
      this.stableFor -= this.stable;
      this.current = Math.max(this.min, Math.round(this.current * 0.75));
    }
  }
}
