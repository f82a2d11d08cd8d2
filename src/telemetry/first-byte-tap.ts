import { Transform, type TransformCallback } from "node:stream";

/**
 * A pass-through that calls `onFirst` when the first bytes go through it after `arm()` — i.e. the first
 * audio bytes, not a container header written before any audio was handed to the encoder.
 */
export class FirstByteTap extends Transform {
  private armed = false;
  private fired = false;

  constructor(private readonly onFirst: () => void) {
    super();
  }

  arm(): void {
    this.armed = true;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.armed && !this.fired && chunk.length > 0) {
      this.fired = true;
      this.onFirst();
    }
    callback(null, chunk);
  }
}
