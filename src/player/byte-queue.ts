import { BYTES_PER_SAMPLE } from "./defaults.js";

/**
 * Ordered PCM bytes waiting to be played. Reads hand out whole samples only: an odd byte from one network
 * read waits for its partner from the next, so sample alignment never shifts.
 */
export class ByteQueue {
  private readonly parts: Buffer[] = [];
  private head = 0; // offset into parts[0]
  private bytes = 0;

  get length(): number {
    return this.bytes;
  }

  /** Whole samples that can be taken now. */
  get samples(): number {
    return Math.floor(this.bytes / BYTES_PER_SAMPLE);
  }

  push(data: Buffer): void {
    if (data.length === 0) return;
    this.parts.push(data);
    this.bytes += data.length;
  }

  /** Up to `maxSamples` whole samples, in order (fewer when fewer are queued). */
  take(maxSamples: number): Buffer {
    const want = Math.min(this.samples, Math.max(0, Math.floor(maxSamples))) * BYTES_PER_SAMPLE;
    const out = Buffer.allocUnsafe(want);
    let filled = 0;
    while (filled < want) {
      const part = this.parts[0]!;
      const n = Math.min(part.length - this.head, want - filled);
      part.copy(out, filled, this.head, this.head + n);
      filled += n;
      this.head += n;
      if (this.head === part.length) {
        this.parts.shift();
        this.head = 0;
      }
    }
    this.bytes -= want;
    return out;
  }

  clear(): void {
    this.parts.length = 0;
    this.head = 0;
    this.bytes = 0;
  }
}
