import type { AudioFormat } from "./types.js";

/** The format cannot be encoded here (no ffmpeg, or an ffmpeg without the codec). Map to a 400 before the response starts. */
export class EncoderUnavailableError extends Error {
  override readonly name = "EncoderUnavailableError";
  readonly code = "encoder_unavailable";
  constructor(
    readonly format: AudioFormat,
    /** What is missing and what to install, e.g. `mp3 needs ffmpeg with libmp3lame, but ...: apt install ffmpeg ...`. */
    message: string,
  ) {
    super(message);
  }
}

/** The encoder died or misbehaved mid-stream (e.g. ffmpeg exited early); carries ffmpeg's last stderr lines. */
export class EncoderFailedError extends Error {
  override readonly name = "EncoderFailedError";
  constructor(
    readonly format: AudioFormat,
    message: string,
  ) {
    super(`${format} encoder failed: ${message}`);
  }
}
