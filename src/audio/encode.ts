import { floatToInt16, int16ToBytes } from "./pcm.js";
import { encodeWav } from "./wav.js";

export type AudioFormat = "wav" | "pcm";

export const CONTENT_TYPES: Readonly<Record<AudioFormat, string>> = { wav: "audio/wav", pcm: "audio/pcm" };

/** A whole utterance (float PCM, 24 kHz mono) as a complete file in `format`. */
export function encodeAudio(samples: Float32Array, format: AudioFormat): Buffer {
  const pcm = int16ToBytes(floatToInt16(samples));
  return format === "wav" ? encodeWav(pcm) : pcm;
}
