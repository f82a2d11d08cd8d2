export interface ReorderLimits {
  /** Frames that may wait behind a gap (default 4096). */
  readonly maxFrames?: number;
  /** Bytes that may wait behind a gap (default 8 MiB, about 3 minutes of 24 kHz s16le audio). */
  readonly maxBytes?: number;
}

export const DEFAULT_MAX_WAITING_BYTES = 8 << 20;

/**
 * Puts numbered frames back in order: a frame is released when every frame before it has been, a
 * duplicate (a number already released or already waiting) is dropped and counted. A gap that never
 * fills can be skipped explicitly (the stream ended, or the gap is stale).
 */
export class ReorderBuffer {
  private next = 0;
  private readonly waiting = new Map<number, Buffer>();
  private waitingBytes = 0;
  private gapSince: number | undefined;
  private readonly maxFrames: number;
  private readonly maxBytes: number;
  duplicates = 0;
  /** Frame numbers given up on (skipped gaps). */
  missing = 0;

  constructor(limits: ReorderLimits = {}) {
    this.maxFrames = limits.maxFrames ?? 4096;
    this.maxBytes = limits.maxBytes ?? DEFAULT_MAX_WAITING_BYTES;
  }

  /** Frames held back behind a gap. */
  get pending(): number {
    return this.waiting.size;
  }

  /** Bytes held back behind a gap. */
  get pendingBytes(): number {
    return this.waitingBytes;
  }

  /**
   * Accepts frame `seq`; returns the frames now releasable, in order. Throws when too many frames, or too
   * many bytes, would wait behind a gap (a sender that skipped a number for good, or a flood).
   */
  push(seq: number, payload: Buffer, now = 0): Buffer[] {
    if (!Number.isSafeInteger(seq) || seq < 0) throw new RangeError(`bad sequence number ${seq}`);
    if (seq < this.next || this.waiting.has(seq)) {
      this.duplicates++;
      return [];
    }
    if (seq > this.next) {
      if (this.waiting.size >= this.maxFrames) throw new RangeError(`more than ${this.maxFrames} frames wait for frame ${this.next}`);
      if (this.waitingBytes + payload.length > this.maxBytes) {
        throw new RangeError(`more than ${this.maxBytes} bytes of audio would wait for frame ${this.next}, which never came`);
      }
      this.waiting.set(seq, payload);
      this.waitingBytes += payload.length;
      this.gapSince ??= now;
      return [];
    }
    this.next++;
    return [payload, ...this.release(now)];
  }

  /** Milliseconds the current gap has lasted (undefined when nothing waits). */
  gapAge(now: number): number | undefined {
    return this.gapSince === undefined ? undefined : now - this.gapSince;
  }

  /** Gives up on the missing frames before the first waiting one; returns what that releases. */
  skipGap(now = 0): Buffer[] {
    if (this.waiting.size === 0) return [];
    const first = Math.min(...this.waiting.keys());
    this.missing += first - this.next;
    this.next = first;
    return this.release(now);
  }

  /** Everything still waiting, in order, skipping every gap (the stream has ended). */
  flush(): Buffer[] {
    const out: Buffer[] = [];
    while (this.waiting.size > 0) out.push(...this.skipGap());
    return out;
  }

  private release(now: number): Buffer[] {
    const out: Buffer[] = [];
    for (let p = this.waiting.get(this.next); p !== undefined; p = this.waiting.get(this.next)) {
      this.waiting.delete(this.next);
      this.waitingBytes -= p.length;
      out.push(p);
      this.next++;
    }
    this.gapSince = this.waiting.size > 0 ? now : undefined;
    return out;
  }
}
