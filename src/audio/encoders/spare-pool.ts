import { FfmpegEncoder } from "./ffmpeg-encoder.js";

/**
 * One ffmpeg already started and waiting per (path, arguments) that has been used. Starting ffmpeg costs
 * 50–300 ms (loading its codec libraries), which would otherwise be added to the first audio of every mp3,
 * opus, aac and flac stream; a spare makes that cost land between requests instead. Spares do not keep
 * the process alive and are replaced when taken; one that died is discarded.
 */
const spares = new Map<string, FfmpegEncoder>();

export function takeFfmpegEncoder(make: () => FfmpegEncoder, key: string): FfmpegEncoder {
  const spare = spares.get(key);
  spares.delete(key);
  const encoder = spare?.isFresh ? spare : make();
  if (spare && spare !== encoder) spare.abort();
  encoder.setKeepAlive(true);
  const next = make();
  next.setKeepAlive(false);
  spares.set(key, next);
  return encoder;
}

/** Stops every spare (tests, shutdown). */
export function closeSpareEncoders(): void {
  for (const spare of spares.values()) spare.abort();
  spares.clear();
}
