import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";

export const RATE = 24_000;

/** 0.4·sin(440 Hz) + 0.3·sin(1 kHz), `seconds` long. */
export function twoTones(seconds: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE));
  for (let i = 0; i < out.length; i++) {
    const t = i / RATE;
    out[i] = 0.4 * Math.sin(2 * Math.PI * 440 * t) + 0.3 * Math.sin(2 * Math.PI * 1000 * t);
  }
  return out;
}

/** Uneven chunks, odd lengths included, covering all of `samples`. */
export function unevenChunks(samples: Float32Array): Float32Array[] {
  const sizes = [1, 999, 4801, 7, 12_345, 0, 3333, 2];
  const out: Float32Array[] = [];
  let at = 0;
  for (let i = 0; at < samples.length; i++) {
    const n = sizes[i % sizes.length]!;
    out.push(samples.subarray(at, at + n));
    at += n;
  }
  return out;
}

/** Every chunk of a stream, in order. */
export async function collect(stream: Readable): Promise<Buffer[]> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return parts;
}

function run(cmd: string, args: readonly string[], input: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => (err += b.toString()));
    child.stdin.on("error", () => {});
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`${cmd} exited ${code}: ${err}`))));
    child.stdin.end(input);
  });
}

/** Decode any file ffmpeg reads (or raw s16le when `rawPcm`) to 24 kHz mono int16. */
export async function decode(file: Buffer, rawPcm = false): Promise<Int16Array> {
  const input = rawPcm ? ["-f", "s16le", "-ar", "24000", "-ac", "1"] : [];
  const bytes = await run("ffmpeg", ["-hide_banner", "-loglevel", "error", ...input, "-i", "pipe:0", "-f", "s16le", "-ar", "24000", "-ac", "1", "pipe:1"], file);
  return new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
}

export interface ProbeInfo {
  readonly formatName: string;
  readonly codecName: string;
  readonly sampleRate: number;
  readonly channels: number;
  readonly duration: number | null;
}

/** ffprobe on a real file (from a pipe it cannot seek or size the file, so most durations would be missing). */
export async function probe(file: Buffer): Promise<ProbeInfo> {
  const dir = await mkdtemp(join(tmpdir(), "kokoro-probe-"));
  let json: Buffer;
  try {
    const path = join(dir, "audio");
    await writeFile(path, file);
    json = await run(
      "ffprobe",
      ["-v", "error", "-show_entries", "stream=codec_name,sample_rate,channels,duration:format=format_name,duration", "-of", "json", "-i", path],
      Buffer.alloc(0),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const parsed = JSON.parse(json.toString()) as {
    streams: { codec_name: string; sample_rate: string; channels: number; duration?: string }[];
    format: { format_name: string; duration?: string };
  };
  const s = parsed.streams[0]!;
  const duration = parsed.format.duration ?? s.duration;
  return {
    formatName: parsed.format.format_name,
    codecName: s.codec_name,
    sampleRate: Number(s.sample_rate),
    channels: s.channels,
    duration: duration === undefined ? null : Number(duration),
  };
}

/** Amplitude of the `freq` component over one second starting at `start` (a whole number of cycles, so no leakage). */
export function amplitudeAt(samples: ArrayLike<number>, freq: number, start: number, scale = 32768): number {
  let re = 0;
  let im = 0;
  for (let i = 0; i < RATE; i++) {
    const x = samples[start + i]! / scale;
    const phase = (2 * Math.PI * freq * i) / RATE;
    re += x * Math.cos(phase);
    im -= x * Math.sin(phase);
  }
  return (2 * Math.hypot(re, im)) / RATE;
}

/** Best normalised correlation of `decoded` against `reference` over lags 0..maxLag (codec delay), on one second. */
export function bestCorrelation(reference: Int16Array, decoded: Int16Array, maxLag: number): number {
  const start = RATE / 2;
  let best = -1;
  for (let lag = 0; lag <= maxLag; lag++) {
    let xy = 0;
    let xx = 0;
    let yy = 0;
    for (let i = start; i < start + RATE; i++) {
      const x = reference[i]!;
      const y = decoded[i + lag] ?? 0;
      xy += x * y;
      xx += x * x;
      yy += y * y;
    }
    best = Math.max(best, xy / Math.sqrt(xx * yy || 1));
  }
  return best;
}
