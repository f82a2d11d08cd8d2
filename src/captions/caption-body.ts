import type { AudioFormat } from "../audio/encoders/index.js";
import type { CollectedCaptions } from "./collect.js";
import { buildCues, buildSentences } from "./cues.js";
import { CAPTION_CONTENT_TYPES, formatCaptions, type CaptionFormat } from "./subtitle-formats.js";

export interface CaptionRequest {
  readonly format: AudioFormat;
  readonly captions?: CaptionFormat | null;
  readonly timestamps?: boolean;
}

/**
 * What a whole-file request that asked for captions gets instead of the bare audio: subtitles (srt, vtt), or JSON
 * with the base64 audio and its word and sentence timings; null when it asked for neither.
 */
export function captionBody(req: CaptionRequest, collected: CollectedCaptions, audio: Buffer): { contentType: string; body: string } | null {
  if (req.captions) return { contentType: CAPTION_CONTENT_TYPES[req.captions], body: formatCaptions(buildCues(collected.words), req.captions) };
  if (!req.timestamps) return null;
  const words = collected.words.map((w) => ({ word: w.word, start: w.start, end: w.end }));
  const body = { audio: audio.toString("base64"), format: req.format, words, segments: buildSentences(collected.words) };
  return { contentType: "application/json; charset=utf-8", body: JSON.stringify(body) };
}
