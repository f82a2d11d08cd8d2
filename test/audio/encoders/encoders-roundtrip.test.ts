import { describe, expect, it } from "vitest";
import { floatToInt16 } from "../../../src/audio/pcm.js";
import { AUDIO_FORMATS, CONTENT_TYPES, createEncoder, encodeWhole, type AudioFormat } from "../../../src/audio/encoders/index.js";
import { amplitudeAt, bestCorrelation, collect, decode, probe, RATE, twoTones, unevenChunks } from "./helpers.js";

const SECONDS = 2.5;
const input = twoTones(SECONDS);
const expected = floatToInt16(input);

interface Expectation {
  readonly formatName: string;
  readonly codecName: string;
  readonly sampleRate: number;
  /** Decoded length may exceed the input by this many samples (encoder delay, frame padding). */
  readonly extraSamples: number;
  readonly lossless: boolean;
}

const EXPECT: Record<AudioFormat, Expectation> = {
  mp3: { formatName: "mp3", codecName: "mp3", sampleRate: 24000, extraSamples: 2400, lossless: false },
  // Opus runs at 48 kHz inside; pre-skip and the final granule position trim it back to the exact length.
  opus: { formatName: "ogg", codecName: "opus", sampleRate: 48000, extraSamples: 480, lossless: false },
  aac: { formatName: "aac", codecName: "aac", sampleRate: 24000, extraSamples: 2400, lossless: false },
  flac: { formatName: "flac", codecName: "flac", sampleRate: 24000, extraSamples: 0, lossless: true },
  wav: { formatName: "wav", codecName: "pcm_s16le", sampleRate: 24000, extraSamples: 0, lossless: true },
  pcm: { formatName: "s16le", codecName: "pcm_s16le", sampleRate: 24000, extraSamples: 0, lossless: true },
};

async function streamThrough(format: AudioFormat): Promise<{ file: Buffer; parts: Buffer[] }> {
  const encoder = await createEncoder(format);
  expect(encoder.contentType).toBe(CONTENT_TYPES[format]);
  const collected = collect(encoder.output);
  for (const chunk of unevenChunks(input)) await encoder.write(chunk);
  await encoder.end();
  const parts = await collected;
  await encoder.closed;
  return { file: Buffer.concat(parts), parts };
}

async function checkDecoded(format: AudioFormat, file: Buffer): Promise<void> {
  const e = EXPECT[format];
  const decoded = await decode(file, format === "pcm");
  if (e.lossless) {
    expect(decoded.length).toBe(expected.length);
    expect(Buffer.from(decoded.buffer, decoded.byteOffset, decoded.byteLength).equals(Buffer.from(expected.buffer))).toBe(true);
    return;
  }
  expect(decoded.length).toBeGreaterThanOrEqual(expected.length - 480);
  expect(decoded.length).toBeLessThanOrEqual(expected.length + e.extraSamples);
  // The two tones come through at their amplitudes; a frequency that is not in the input does not.
  const mid = Math.round(RATE * 0.75);
  expect(amplitudeAt(decoded, 440, mid)).toBeCloseTo(0.4, 1);
  expect(amplitudeAt(decoded, 1000, mid)).toBeCloseTo(0.3, 1);
  expect(amplitudeAt(decoded, 700, mid)).toBeLessThan(0.01);
  expect(bestCorrelation(expected, decoded, 2400)).toBeGreaterThan(0.95);
}

describe.each(AUDIO_FORMATS)("%s encoder", (format) => {
  it("streams a two-tone signal written in uneven chunks that decodes back to it", async () => {
    const { file, parts } = await streamThrough(format);
    if (format === "pcm" || format === "wav") for (const p of parts) expect(p.length % 2).toBe(0);
    if (format !== "pcm") {
      const info = await probe(file);
      const e = EXPECT[format];
      expect(info.formatName).toBe(e.formatName);
      expect(info.codecName).toBe(e.codecName);
      expect(info.sampleRate).toBe(e.sampleRate);
      expect(info.channels).toBe(1);
    }
    await checkDecoded(format, file);
  });

  it("encodes a whole file for stream:false", async () => {
    const file = await encodeWhole(format, input);
    await checkDecoded(format, file);
    if (format === "pcm") {
      expect(file.length).toBe(input.length * 2);
      return;
    }
    const info = await probe(file);
    // Every container reports the duration: wav and flac exactly, the lossy ones from their frames.
    expect(info.duration).not.toBeNull();
    if (EXPECT[format].lossless) expect(info.duration).toBeCloseTo(SECONDS, 3);
    else expect(Math.abs(info.duration! - SECONDS)).toBeLessThan(0.15);
  });
});

describe("wav", () => {
  it("streams with 0xFFFFFFFF RIFF and data sizes", async () => {
    const { file, parts } = await streamThrough("wav");
    expect(parts[0]!.length).toBe(44);
    expect(file.toString("ascii", 0, 4)).toBe("RIFF");
    expect(file.readUInt32LE(4)).toBe(0xffffffff);
    expect(file.toString("ascii", 36, 40)).toBe("data");
    expect(file.readUInt32LE(40)).toBe(0xffffffff);
    expect(file.length).toBe(44 + input.length * 2);
  });

  it("whole file has exact sizes", async () => {
    const file = await encodeWhole("wav", input);
    expect(file.readUInt32LE(4)).toBe(36 + input.length * 2);
    expect(file.readUInt32LE(40)).toBe(input.length * 2);
    expect(file.length).toBe(44 + input.length * 2);
  });
});

describe("clipping", () => {
  const loud = Float32Array.from([1.5, -1.5, 1, -1, 0.5, 1e9, -1e9]);
  const clipped = [32767, -32768, 32767, -32768, 16384, 32767, -32768];

  it.each(["pcm", "wav"] as const)("%s clips instead of wrapping", async (format) => {
    const file = await encodeWhole(format, loud);
    const data = file.subarray(format === "wav" ? 44 : 0);
    expect([...new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.length))]).toEqual(clipped);
  });

  it("flac (through ffmpeg) clips instead of wrapping", async () => {
    const decoded = await decode(await encodeWhole("flac", loud));
    expect([...decoded]).toEqual(clipped);
  });
});
