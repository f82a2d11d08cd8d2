// SubRip (.srt) and WebVTT (.vtt) text for cues.
import type { Cue } from "./cues.js";

import type { CaptionFormat } from "../pipeline/request.js";

export { CAPTION_FORMATS, type CaptionFormat } from "../pipeline/request.js";

export const CAPTION_CONTENT_TYPES: Readonly<Record<CaptionFormat, string>> = {
  srt: "application/x-subrip; charset=utf-8",
  vtt: "text/vtt; charset=utf-8",
};

/** hh:mm:ss,mmm (SRT) or hh:mm:ss.mmm (VTT). */
export function timestamp(seconds: number, separator: "," | "."): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const pad = (n: number, width: number): string => String(n).padStart(width, "0");
  return `${pad(Math.floor(ms / 3_600_000), 2)}:${pad(Math.floor(ms / 60_000) % 60, 2)}:${pad(Math.floor(ms / 1000) % 60, 2)}${separator}${pad(ms % 1000, 3)}`;
}

/** A cue's text must not end the cue early: a blank line or `-->` inside it would. */
const safe = (line: string): string => line.replace(/-->/g, "->");

export function formatCaptions(cues: readonly Cue[], format: CaptionFormat): string {
  const sep = format === "srt" ? "," : ".";
  const blocks = cues.map((cue, i) => {
    const timing = `${timestamp(cue.start, sep)} --> ${timestamp(cue.end, sep)}`;
    const body = cue.lines.map(safe).join("\n");
    return format === "srt" ? `${i + 1}\n${timing}\n${body}\n` : `${timing}\n${body}\n`;
  });
  return format === "srt" ? blocks.join("\n") : `WEBVTT\n\n${blocks.join("\n")}`;
}
