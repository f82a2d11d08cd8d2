export { AUDIO_FORMATS, isAudioFormat, type AudioFormat, type EncoderOptions, type StreamingEncoder } from "./types.js";
export { CONTENT_TYPES } from "./content-types.js";
export { EncoderFailedError, EncoderUnavailableError } from "./errors.js";
export { assertEncoderAvailable, encoderAvailability, type FormatAvailability } from "./availability.js";
export { createEncoder } from "./create.js";
export { encodeWhole } from "./encode-whole.js";
export { streamingWavHeader } from "./s16le-encoder.js";
