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

/** How many spares are waiting (one per encoder setting used). */
export function spareCount(): number {
  return spares.size;
}

/** Stops every spare (tests, shutdown); resolves when their processes have exited. */
export async function closeSpareEncoders(): Promise<void> {
  const all = [...spares.values()];
  spares.clear();
  for (const spare of all) spare.abort();
  await Promise.all(all.map((spare) => spare.closed));
}
