import { CONTENT_TYPES as ALL_CONTENT_TYPES } from "./encoders/content-types.js";
import { encodeS16leWhole } from "./encoders/s16le-encoder.js";

/** The formats encoded synchronously in-process. Every format, streaming or whole: `./encoders/index.js`. */
export type AudioFormat = "wav" | "pcm";

export const CONTENT_TYPES = ALL_CONTENT_TYPES;

/** A whole utterance (float PCM, 24 kHz mono) as a complete file in `format`. */
export function encodeAudio(samples: Float32Array, format: AudioFormat): Buffer {
  return encodeS16leWhole(samples, format);
}
