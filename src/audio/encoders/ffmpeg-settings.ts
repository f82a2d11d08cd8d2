import { SAMPLE_RATE } from "../../model/contract.js";
import type { AudioFormat } from "./types.js";

export type FfmpegFormat = Exclude<AudioFormat, "wav" | "pcm">;

interface CodecSettings {
  /** The ffmpeg encoder this format needs (as listed by `ffmpeg -encoders`). */
  readonly encoder: string;
  readonly defaultKbps: number | null;
  readonly args: (kbps: number | null) => readonly string[];
}

/**
 * Speech settings for 24 kHz mono input. Every muxer writes each packet as soon as it is encoded
 * (`-flush_packets 1`, added by ffmpegArgs); what still holds audio back is the codec itself (frame
 * size and look-ahead) and, for Ogg, the page length.
 */
export const CODECS: Readonly<Record<FfmpegFormat, CodecSettings>> = {
  // MPEG-2 Layer III at 24 kHz, CBR (so duration is exact without a Xing header, which a pipe cannot get).
  // No ID3 tag: the first bytes are audio frames, as from a streaming radio server.
  mp3: {
    encoder: "libmp3lame",
    defaultKbps: 64,
    args: (kbps) => ["-c:a", "libmp3lame", "-b:a", `${kbps}k`, "-id3v2_version", "0", "-write_xing", "0", "-f", "mp3"],
  },
  // Opus keeps 24 kHz (one of its native rates; decoders play it at 48 kHz). 20 ms frames; Ogg pages
  // closed every 100 ms of audio instead of the default 1 s, so bytes flow while costing ~2.5 kbit/s of page headers.
  opus: {
    encoder: "libopus",
    defaultKbps: 32,
    args: (kbps) => ["-c:a", "libopus", "-b:a", `${kbps}k`, "-frame_duration", "20", "-page_duration", "100000", "-f", "ogg"],
  },
  // ffmpeg's native AAC-LC in ADTS: every frame carries its own header, so a stream can start anywhere.
  aac: {
    encoder: "aac",
    defaultKbps: 64,
    args: (kbps) => ["-c:a", "aac", "-b:a", `${kbps}k`, "-f", "adts"],
  },
  // Lossless, 2304-sample (96 ms) frames. No 8 KiB padding block (only useful for editing tags in
  // place). On a pipe the STREAMINFO total-sample count stays 0 ("unknown"); encodeWhole fills it in.
  flac: {
    encoder: "flac",
    defaultKbps: null,
    args: () => ["-c:a", "flac", "-metadata_header_padding", "0", "-f", "flac"],
  },
};

export const INSTALL_HINT = "apt install ffmpeg / brew install ffmpeg, or set KOKORO_FFMPEG to its path";

export function isFfmpegFormat(format: AudioFormat): format is FfmpegFormat {
  return format !== "wav" && format !== "pcm";
}

/** The ffmpeg path: explicit option, else `KOKORO_FFMPEG`, else `ffmpeg` on the PATH. */
export function resolveFfmpegPath(explicit?: string): string {
  return explicit ?? (process.env["KOKORO_FFMPEG"] || "ffmpeg");
}

/** Full ffmpeg argument list: s16le 24 kHz mono on stdin, `format` on stdout. */
export function ffmpegArgs(format: FfmpegFormat, bitrateKbps?: number): string[] {
  const codec = CODECS[format];
  let kbps = codec.defaultKbps;
  if (kbps !== null && bitrateKbps !== undefined) {
    if (!Number.isInteger(bitrateKbps) || bitrateKbps < 8 || bitrateKbps > 320) {
      throw new RangeError(`bitrate must be a whole number of kbit/s in 8..320, got ${bitrateKbps}`);
    }
    kbps = bitrateKbps;
  }
  return [
    ...["-hide_banner", "-nostdin", "-loglevel", "error"],
    // Raw input with every parameter given: nothing to probe (by default ffmpeg buffers ~2 s of it first).
    ...["-probesize", "32", "-analyzeduration", "0", "-f", "s16le", "-ar", String(SAMPLE_RATE), "-ac", "1", "-i", "pipe:0"],
    ...["-map_metadata", "-1"],
    ...codec.args(kbps),
    ...["-flush_packets", "1", "pipe:1"],
  ];
}
