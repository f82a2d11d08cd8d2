import { execFile } from "node:child_process";
import { EncoderUnavailableError } from "./errors.js";
import { CODECS, INSTALL_HINT, isFfmpegFormat, resolveFfmpegPath } from "./ffmpeg-settings.js";
import { AUDIO_FORMATS, type AudioFormat } from "./types.js";

export interface FormatAvailability {
  readonly available: boolean;
  /** Why not, and what to install; absent when available. */
  readonly reason?: string;
}

type Probe = { readonly ok: true; readonly encoders: ReadonlySet<string> } | { readonly ok: false; readonly why: string };

/** One probe per ffmpeg path for the life of the process (installing ffmpeg later needs a restart). */
const probes = new Map<string, Promise<Probe>>();

/** Encoder names from `ffmpeg -encoders` output (lines like ` A....D libmp3lame  libmp3lame MP3 ...`). */
export function parseEncoderList(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split("\n")) {
    const m = /^ ([VAS])[A-Z.]{5} (\S+)/.exec(line);
    if (m && m[2] !== "=") names.add(m[2]!);
  }
  return names;
}

function probe(ffmpegPath: string): Promise<Probe> {
  let p = probes.get(ffmpegPath);
  if (!p) {
    p = new Promise<Probe>((resolve) => {
      execFile(ffmpegPath, ["-hide_banner", "-encoders"], { timeout: 10_000, maxBuffer: 4 << 20 }, (err, stdout) => {
        if (err) {
          const code = (err as NodeJS.ErrnoException).code;
          resolve({ ok: false, why: code === "ENOENT" ? `ffmpeg was not found at "${ffmpegPath}"` : `"${ffmpegPath} -encoders" failed (${err.message.split("\n")[0]})` });
        } else {
          resolve({ ok: true, encoders: parseEncoderList(stdout) });
        }
      });
    });
    probes.set(ffmpegPath, p);
  }
  return p;
}

async function check(format: AudioFormat, ffmpegPath: string): Promise<FormatAvailability> {
  if (!isFfmpegFormat(format)) return { available: true };
  const encoder = CODECS[format].encoder;
  const result = await probe(ffmpegPath);
  const needs = `${format} needs ffmpeg with the ${encoder} encoder`;
  if (!result.ok) return { available: false, reason: `${needs}, but ${result.why}: ${INSTALL_HINT}` };
  if (!result.encoders.has(encoder)) {
    return { available: false, reason: `${needs}, but the ffmpeg at "${ffmpegPath}" lacks it: install a full build (${INSTALL_HINT})` };
  }
  return { available: true };
}

/** Which formats this machine can encode. wav and pcm always; the rest need ffmpeg with their codec. */
export async function encoderAvailability(options: { ffmpegPath?: string } = {}): Promise<Record<AudioFormat, FormatAvailability>> {
  const ffmpegPath = resolveFfmpegPath(options.ffmpegPath);
  const entries = await Promise.all(AUDIO_FORMATS.map(async (f) => [f, await check(f, ffmpegPath)] as const));
  return Object.fromEntries(entries) as Record<AudioFormat, FormatAvailability>;
}

/** Throws EncoderUnavailableError (naming what to install) unless `format` can be encoded. */
export async function assertEncoderAvailable(format: AudioFormat, options: { ffmpegPath?: string } = {}): Promise<void> {
  const result = await check(format, resolveFfmpegPath(options.ffmpegPath));
  if (!result.available) throw new EncoderUnavailableError(format, result.reason ?? `${format} is not available`);
}
