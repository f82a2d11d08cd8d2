import { performance } from "node:perf_hooks";
import { ByteQueue } from "./byte-queue.js";
import { ReorderBuffer, type ReorderLimits } from "./reorder-buffer.js";
import { WavHeaderStripper } from "./wav-header-stripper.js";

/**
 * One utterance's audio between the network and the sink: numbered frames in any order (duplicates
 * dropped), a WAV header at the start removed, whole samples out. `end()` marks that no more frames come:
 * what waits behind a gap is released then, and the final partial chunk is played like any other.
 */
export class JitterBuffer {
  private readonly reorder: ReorderBuffer;
  private readonly header = new WavHeaderStripper();
  private readonly queue = new ByteQueue();
  private ended = false;
  private nextSeq = 0;
  /** performance.now() of the last frame (or end) received: a stalled sender is noticed by the player. */
  lastInputAt = performance.now();

  constructor(limits?: ReorderLimits) {
    this.reorder = new ReorderBuffer(limits);
  }

  /** Frame `seq` of the stream. Throws on a bad number, a flood (frames or bytes) behind a gap or an unplayable WAV header. */
  push(seq: number, payload: Buffer, now = 0): void {
    if (this.ended) return; // late frames after end or cancel are dropped
    this.lastInputAt = performance.now();
    this.accept(this.reorder.push(seq, payload, now));
  }

  /** The next bytes of an in-order stream (the daemon's own fetch): numbered here. */
  append(payload: Buffer): void {
    this.push(this.nextSeq++, payload);
  }

  end(): void {
    if (this.ended) return;
    this.lastInputAt = performance.now();
    this.accept(this.reorder.flush());
    this.queue.push(this.header.end());
    this.ended = true;
  }

  /** Gives up on a gap that has lasted `maxAgeMs` (frames wait behind it); true when it did. */
  skipStaleGap(now: number, maxAgeMs: number): boolean {
    const age = this.reorder.gapAge(now);
    if (age === undefined || age < maxAgeMs) return false;
    this.accept(this.reorder.skipGap(now));
    return true;
  }

  /** Whole samples ready to play, in order. */
  get available(): number {
    return this.queue.samples;
  }

  /** True once `end()` was called and every sample has been taken. */
  get drained(): boolean {
    return this.ended && this.queue.samples === 0;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  take(maxSamples: number): Buffer {
    return this.queue.take(maxSamples);
  }

  /** Drops everything and refuses further frames (stop, skip). */
  discard(): void {
    this.ended = true;
    this.queue.clear();
  }

  stats(): { duplicates: number; missing: number; waiting: number } {
    return { duplicates: this.reorder.duplicates, missing: this.reorder.missing, waiting: this.reorder.pending };
  }

  private accept(frames: Buffer[]): void {
    for (const f of frames) this.queue.push(this.header.push(f));
  }
}
