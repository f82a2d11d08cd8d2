import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { CaptionFormat } from "../../captions/index.js";
import { readBody } from "../../player/http-request.js";
import { requestSpeech, type SpeechBody } from "../../player/speech-client.js";
import { CliError, formatCliError, requireWritableTarget } from "../errors.js";

/** `--captions FILE`: .srt or .vtt, checked (with its folder) before any work starts. */
export function captionsFormatOf(file: string): CaptionFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext !== ".srt" && ext !== ".vtt") throw new CliError(`--captions ${file}: use a .srt or .vtt file`);
  requireWritableTarget(file, "--captions");
  return ext === ".srt" ? "srt" : "vtt";
}

/**
 * Asks the server for the subtitles of the same request as a whole file (`response_format` srt or vtt): timed to
 * the audio `--out` writes (the same plan); while playing a stream, the pauses between calls may differ slightly.
 */
export async function saveCaptions(server: string, body: Omit<SpeechBody, "response_format" | "stream">, file: string): Promise<void> {
  const format = captionsFormatOf(file);
  const res = await requestSpeech(server, { ...body, response_format: format, stream: false });
  const text = await readBody(res);
  try {
    await writeFile(file, text);
  } catch (err) {
    throw new CliError(`--captions ${file}: cannot write it: ${formatCliError(err).replace(`${file}: `, "")}`);
  }
  console.log(`wrote ${file} (${format} captions)`);
}
