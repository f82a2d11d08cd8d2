import type { Readable } from "node:stream";

/** The output formats of OpenAI's `/v1/audio/speech`. */
export type AudioFormat = "mp3" | "opus" | "aac" | "flac" | "wav" | "pcm";

export const AUDIO_FORMATS: readonly AudioFormat[] = ["mp3", "opus", "aac", "flac", "wav", "pcm"];

export function isAudioFormat(value: string): value is AudioFormat {
  return (AUDIO_FORMATS as readonly string[]).includes(value);
}

/**
 * Float PCM (24 kHz mono) in, encoded bytes out, as the audio arrives.
 *
 * Usage: hand `output` to the consumer first (`reply.send(encoder.output)` or `for await`), then
 * `await write()` each chunk and `await end()`. `write()` waits while the consumer is behind, so
 * output never piles up unbounded. After `abort()`, or once the consumer has destroyed `output`,
 * `write()` and `end()` resolve without doing anything.
 */
export interface StreamingEncoder {
  readonly format: AudioFormat;
  readonly contentType: string;
  /** Encoded bytes in order. Ends after `end()`; errors if the encoder fails; destroyed by `abort()`. */
  readonly output: Readable;
  /** Queue samples (clipped to int16). Resolves when the encoder can take more; rejects if it has failed. */
  write(samples: Float32Array): Promise<void>;
  /** No more input. Resolves once the last byte has been handed to `output` (the consumer must be reading). */
  end(): Promise<void>;
  /** Stop now: kill any child process and destroy `output`. Idempotent. */
  abort(): void;
  /** Settles (never rejects) once every resource is released, e.g. the ffmpeg child has exited. */
  readonly closed: Promise<void>;
}

export interface EncoderOptions {
  /** ffmpeg executable; default `KOKORO_FFMPEG` or `ffmpeg` on the PATH. */
  readonly ffmpegPath?: string;
  /** Target bitrate of the lossy codecs (mp3, opus, aac) in kbit/s; each has a speech default. */
  readonly bitrateKbps?: number;
}
