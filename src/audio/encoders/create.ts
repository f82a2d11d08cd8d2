import { assertEncoderAvailable } from "./availability.js";
import { FfmpegEncoder } from "./ffmpeg-encoder.js";
import { ffmpegArgs, isFfmpegFormat, resolveFfmpegPath } from "./ffmpeg-settings.js";
import { createS16leEncoder } from "./s16le-encoder.js";
import { takeFfmpegEncoder } from "./spare-pool.js";
import type { AudioFormat, EncoderOptions, StreamingEncoder } from "./types.js";

/**
 * A streaming encoder for `format`. Rejects with EncoderUnavailableError (naming what to install)
 * when the format needs an ffmpeg codec this machine lacks — call it before the response starts.
 */
export async function createEncoder(format: AudioFormat, options: EncoderOptions = {}): Promise<StreamingEncoder> {
  if (!isFfmpegFormat(format)) return createS16leEncoder(format);
  const args = ffmpegArgs(format, options.bitrateKbps);
  await assertEncoderAvailable(format, options);
  const ffmpeg = resolveFfmpegPath(options.ffmpegPath);
  return takeFfmpegEncoder(() => new FfmpegEncoder(format, ffmpeg, args), `${ffmpeg}\0${args.join("\0")}`);
}
