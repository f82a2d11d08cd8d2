import { createEncoder } from "./create.js";
import { setFlacTotalSamples } from "./flac-streaminfo.js";
import { encodeS16leWhole } from "./s16le-encoder.js";
import type { AudioFormat, EncoderOptions } from "./types.js";

/**
 * A whole utterance as one complete file (for `"stream": false`): wav with exact sizes, flac with
 * its sample count; the other formats are the streamed bytes, which are already complete files.
 */
export async function encodeWhole(format: AudioFormat, samples: Float32Array, options: EncoderOptions = {}): Promise<Buffer> {
  if (format === "wav" || format === "pcm") return encodeS16leWhole(samples, format);
  const encoder = await createEncoder(format, options);
  const parts: Buffer[] = [];
  // Read while writing: the encoder only takes input as fast as its output is consumed.
  const collected = (async () => {
    for await (const part of encoder.output) parts.push(part as Buffer);
  })();
  collected.catch(() => {}); // awaited below; a failure also rejects write()/end()
  try {
    await encoder.write(samples);
    await encoder.end();
    await collected;
  } catch (err) {
    encoder.abort();
    throw err;
  }
  const file = Buffer.concat(parts);
  if (format === "flac") setFlacTotalSamples(file, samples.length);
  return file;
}
