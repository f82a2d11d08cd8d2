import type { AudioFormat } from "./types.js";

/**
 * `Content-Type` per format. OpenAI labels its speech responses per format (`audio/mpeg` for mp3,
 * `audio/aac`, `audio/flac`, `audio/wav`, `audio/pcm`). Its opus is Ogg-encapsulated, so we use the
 * Ogg Opus type of RFC 7845; `audio/opus` (RFC 7587) names bare RTP payloads, not a file.
 */
export const CONTENT_TYPES: Readonly<Record<AudioFormat, string>> = {
  mp3: "audio/mpeg",
  opus: "audio/ogg; codecs=opus",
  aac: "audio/aac",
  flac: "audio/flac",
  wav: "audio/wav",
  pcm: "audio/pcm",
};
