import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import {
  AUDIO_FORMATS,
  createEncoder,
  encodeWhole,
  encoderAvailability,
  EncoderFailedError,
  EncoderUnavailableError,
  type AudioFormat,
  type StreamingEncoder,
} from "../../../src/audio/encoders/index.js";
import { FfmpegEncoder } from "../../../src/audio/encoders/ffmpeg-encoder.js";
import { closeSpareEncoders, spareCount } from "../../../src/audio/encoders/spare-pool.js";
import { parseEncoderList } from "../../../src/audio/encoders/availability.js";
import { collect, decode, twoTones } from "./helpers.js";

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

function ffmpegOf(encoder: StreamingEncoder): FfmpegEncoder {
  expect(encoder).toBeInstanceOf(FfmpegEncoder);
  return encoder as FfmpegEncoder;
}

/** True while `pid` exists, zombies included (kill 0 only checks). */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function childCommands(): string[] {
  const out = execFileSync("ps", ["-o", "stat=,comm=", "--ppid", String(process.pid)], { encoding: "utf8" }).trim();
  return out === "" ? [] : out.split("\n").filter((l) => !/\bps$/.test(l));
}

/** The number of ffmpeg children once it reaches `expected`, or what it is after 5 s of waiting. */
async function settledFfmpegChildren(expected: number): Promise<number> {
  const count = () => childCommands().filter((c) => c.includes("ffmpeg")).length;
  for (let waited = 0; waited < 5000 && count() !== expected; waited += 50) await tick(50);
  return count();
}

describe("first bytes before end()", () => {
  // Write 5 s of a long utterance and wait for output without calling end(): an encoder that held
  // everything back would never get here (the test would time out).
  it.each(AUDIO_FORMATS)("%s produces output while input is still arriving", async (format) => {
    const encoder = await createEncoder(format);
    const parts: Buffer[] = [];
    const first = new Promise<void>((resolve) => encoder.output.once("data", () => resolve()));
    encoder.output.on("data", (b: Buffer) => parts.push(b));
    const finished = new Promise<void>((resolve, reject) => encoder.output.once("end", resolve).once("error", reject));
    const tones = twoTones(10);
    for (let at = 0; at < tones.length / 2; at += 2400) await encoder.write(tones.subarray(at, at + 2400));
    await first;
    const before = parts.reduce((n, p) => n + p.length, 0);
    expect(before).toBeGreaterThan(0);
    for (let at = tones.length / 2; at < tones.length; at += 2400) await encoder.write(tones.subarray(at, at + 2400));
    await encoder.end();
    await finished;
    expect(parts.reduce((n, p) => n + p.length, 0)).toBeGreaterThan(before);
    const decoded = await decode(Buffer.concat(parts), format === "pcm");
    expect(decoded.length).toBeGreaterThanOrEqual(tones.length - 480);
  });
});

describe("empty input", () => {
  it.each(AUDIO_FORMATS)("%s: end() without a write finishes cleanly", async (format) => {
    const encoder = await createEncoder(format);
    const collected = collect(encoder.output);
    await encoder.end();
    const bytes = Buffer.concat(await collected).length;
    if (format === "wav") expect(bytes).toBe(44);
    if (format === "pcm") expect(bytes).toBe(0);
    await encoder.closed;
  });
});

describe("backpressure", () => {
  // The input must be far more than the pipes and buffers between us and the reader can hold *after
  // encoding*: 20 s of pcm is 960 KB, but 20 s of 64 kbit/s mp3 is only 160 KB, which a fast ffmpeg could
  // nearly absorb (stdin pipe + its own buffers + stdout pipe + our 64 KB); 120 s of mp3 is 960 KB.
  it.each([
    ["pcm", 20],
    ["mp3", 120],
  ] as const)("%s: write() waits for a slow consumer instead of buffering without bound", async (format, seconds) => {
    const encoder = await createEncoder(format);
    const tones = twoTones(seconds);
    let written = 0;
    const writing = (async () => {
      for (let at = 0; at < tones.length; at += 4800) {
        await encoder.write(tones.subarray(at, at + 4800));
        written += 4800;
      }
      await encoder.end();
    })();
    await tick(300);
    // Nobody reads: the writer is held back and the output holds at most a buffer's worth.
    expect(written).toBeLessThan(tones.length);
    expect(encoder.output.readableLength).toBeLessThanOrEqual(64 * 1024);
    const parts = await collect(encoder.output);
    await writing;
    expect(written).toBe(tones.length);
    const decoded = await decode(Buffer.concat(parts), format === "pcm");
    expect(decoded.length).toBeGreaterThanOrEqual(tones.length - 480);
  });
});

describe("failures", () => {
  it("ffmpeg killed mid-stream errors the output and rejects end(), with no hang", async () => {
    const encoder = ffmpegOf(await createEncoder("mp3"));
    const collected = collect(encoder.output);
    await encoder.write(twoTones(1));
    process.kill(encoder.pid!, "SIGKILL");
    await expect(encoder.end()).rejects.toThrow(EncoderFailedError);
    await expect(collected).rejects.toThrow(/SIGKILL/);
    await expect(encoder.write(twoTones(0.1))).rejects.toThrow(EncoderFailedError);
    await encoder.closed;
  });

  it("a write() blocked on a stalled pipe rejects when ffmpeg dies", async () => {
    const encoder = ffmpegOf(await createEncoder("flac"));
    const blocked = encoder.write(twoTones(30)); // ~1.4 MB, far more than the pipes hold unread
    await tick(100);
    process.kill(encoder.pid!, "SIGKILL");
    await expect(blocked).rejects.toThrow(EncoderFailedError);
    await encoder.closed;
  });

  it("a missing ffmpeg is EncoderUnavailableError naming what to install", async () => {
    const ffmpegPath = "/nonexistent/bin/ffmpeg";
    const err = await createEncoder("mp3", { ffmpegPath }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EncoderUnavailableError);
    expect((err as EncoderUnavailableError).format).toBe("mp3");
    expect((err as Error).message).toMatch(/mp3 needs ffmpeg with the libmp3lame encoder/);
    expect((err as Error).message).toMatch(/not found at "\/nonexistent\/bin\/ffmpeg"/);
    expect((err as Error).message).toMatch(/apt install ffmpeg/);
    await expect(encodeWhole("opus", twoTones(0.1), { ffmpegPath })).rejects.toThrow(EncoderUnavailableError);

    const availability = await encoderAvailability({ ffmpegPath });
    expect(availability.wav).toEqual({ available: true });
    expect(availability.pcm).toEqual({ available: true });
    for (const f of ["mp3", "opus", "aac", "flac"] as const) {
      expect(availability[f].available).toBe(false);
      expect(availability[f].reason).toMatch(/brew install ffmpeg/);
    }
    // wav and pcm never need ffmpeg.
    expect((await encodeWhole("wav", twoTones(0.1), { ffmpegPath })).length).toBe(44 + 4800);
  });

  it("an ffmpeg without the codec is reported as lacking it", async () => {
    // /bin/true runs and lists no encoders at all: the same as a build without libmp3lame.
    const availability = await encoderAvailability({ ffmpegPath: "/bin/true" });
    expect(availability.mp3.available).toBe(false);
    expect(availability.mp3.reason).toMatch(/lacks it/);
  });

  it("parses ffmpeg's encoder list", () => {
    const names = parseEncoderList(" V..... = Video\n A..... = Audio\n ------\n A....D libmp3lame           libmp3lame MP3\n A..X.. opus                 Opus\n");
    expect([...names]).toEqual(["libmp3lame", "opus"]);
  });

  it("this machine's ffmpeg has every codec (CI installs Debian's ffmpeg)", async () => {
    const availability = await encoderAvailability();
    for (const f of AUDIO_FORMATS) expect(availability[f]).toEqual({ available: true });
  });

  it("rejects a bitrate out of range before starting anything", async () => {
    await expect(createEncoder("mp3", { bitrateKbps: 4 })).rejects.toThrow(RangeError);
    const small = await encodeWhole("mp3", twoTones(1), { bitrateKbps: 32 });
    const large = await encodeWhole("mp3", twoTones(1), { bitrateKbps: 128 });
    expect(large.length).toBeGreaterThan(small.length * 3);
  });
});

describe("abort", () => {
  it("50 encoders created and aborted leave no child process and no warnings", async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on("warning", onWarning);
    const formats: AudioFormat[] = ["mp3", "opus", "aac", "flac", "wav"];
    const pids: number[] = [];
    for (let batch = 0; batch < 5; batch++) {
      const encoders = await Promise.all(Array.from({ length: 10 }, (_, i) => createEncoder(formats[i % formats.length]!)));
      for (const e of encoders) if (e instanceof FfmpegEncoder) pids.push(e.pid!);
      await Promise.all(encoders.map((e) => e.write(twoTones(0.2))));
      // Half are read from, half are never read; all are aborted mid-stream.
      encoders.forEach((e, i) => (i % 2 === 0 ? e.output.resume() : undefined));
      for (const e of encoders) e.abort();
      await Promise.all(encoders.map((e) => e.closed));
      for (const e of encoders) {
        expect(e.output.destroyed).toBe(true);
        await e.write(twoTones(0.01)); // after abort: a no-op, not an error
        await e.end();
      }
    }
    process.off("warning", onWarning);
    expect(pids.length).toBe(40);
    expect(pids.filter(processExists)).toEqual([]); // reaped, not zombies
    // What remains is one warm spare per ffmpeg setting used in this file (spare-pool.ts); closing them leaves
    // nothing. A spare replaced because it was no longer fresh is aborted without anyone awaiting it, so it may
    // still be exiting when we look: wait (bounded) for the count to settle rather than sampling once.
    expect(await settledFfmpegChildren(spareCount())).toBe(spareCount());
    await closeSpareEncoders();
    expect(await settledFfmpegChildren(0)).toBe(0);
    expect(warnings).toEqual([]);
  });

  it("abort() releases a write() blocked by a consumer that never reads", async () => {
    for (const format of ["pcm", "aac"] as const) {
      const encoder = await createEncoder(format);
      const blocked = encoder.write(twoTones(30));
      await tick(50);
      encoder.abort();
      await expect(blocked).resolves.toBeUndefined();
      await encoder.closed;
    }
  });

  it("a consumer destroying the output stops ffmpeg", async () => {
    const encoder = ffmpegOf(await createEncoder("opus"));
    await encoder.write(twoTones(0.5));
    encoder.output.destroy();
    await encoder.closed;
    expect(processExists(encoder.pid!)).toBe(false);
    await encoder.write(twoTones(0.1));
  });
});
