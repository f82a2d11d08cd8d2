import { Readable } from "node:stream";
import { floatToInt16, int16ToBytes } from "../pcm.js";
import { encodeWav, wavHeader } from "../wav.js";
import { CONTENT_TYPES } from "./content-types.js";
import type { StreamingEncoder } from "./types.js";

export type S16leFormat = "wav" | "pcm";

/** Float samples as s16le bytes (clipped; always an even byte count). */
export function s16leBytes(samples: Float32Array): Buffer {
  return int16ToBytes(floatToInt16(samples));
}

/**
 * A WAV header for a stream of unknown length: RIFF and data sizes are 0xFFFFFFFF, as OpenAI streams
 * WAV. Players and ffmpeg read such a file to its end.
 */
export function streamingWavHeader(): Buffer {
  const h = wavHeader(0);
  h.writeUInt32LE(0xffffffff, 4);
  h.writeUInt32LE(0xffffffff, 40);
  return h;
}

/** A whole utterance as a complete pcm or wav file (wav with exact sizes). */
export function encodeS16leWhole(samples: Float32Array, format: S16leFormat): Buffer {
  const pcm = s16leBytes(samples);
  return format === "wav" ? encodeWav(pcm) : pcm;
}

/** pcm and streamed wav, in-process: each write() becomes one s16le chunk on `output`. */
class S16leEncoder implements StreamingEncoder {
  readonly contentType: string;
  readonly output: Readable;
  readonly closed = Promise.resolve();
  private finished = false;
  /** Settled when the consumer asks for more; shared by every write() waiting on it. */
  private wanted: { promise: Promise<void>; resolve: () => void } | null = null;

  constructor(readonly format: S16leFormat) {
    this.contentType = CONTENT_TYPES[format];
    this.output = new Readable({ read: () => this.release() });
    // A consumer that destroys the stream (client gone) must not leave a write() waiting.
    this.output.on("close", () => this.release());
    if (format === "wav") this.output.push(streamingWavHeader());
  }

  async write(samples: Float32Array): Promise<void> {
    if (this.finished || this.output.destroyed || samples.length === 0) return;
    if (this.output.push(s16leBytes(samples))) return;
    if (!this.wanted) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.wanted = { promise, resolve };
    }
    await this.wanted.promise;
  }

  async end(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    if (!this.output.destroyed) this.output.push(null);
  }

  abort(): void {
    this.finished = true;
    this.output.destroy();
    this.release();
  }

  private release(): void {
    const wanted = this.wanted;
    this.wanted = null;
    wanted?.resolve();
  }
}

export function createS16leEncoder(format: S16leFormat): StreamingEncoder {
  return new S16leEncoder(format);
}
