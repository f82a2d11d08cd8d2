import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTENT_TYPES, type AudioFormat } from "../../src/audio/encoders/index.js";
import { expectAudioOfPlan, plannedChunks, postSpeech, startTestServer, voiceStyle00, type TestServer } from "../helpers/test-server.js";

const exec = promisify(execFile);
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

/** Decodes any audio file with Debian's ffmpeg to s16le 24 kHz mono. */
async function decodeWithFfmpeg(bytes: Buffer): Promise<Int16Array> {
  const child = spawn("ffmpeg", ["-v", "error", "-i", "pipe:0", "-f", "s16le", "-ar", "24000", "-ac", "1", "pipe:1"]);
  const out: Buffer[] = [];
  child.stdout.on("data", (d: Buffer) => out.push(d));
  child.stdin.end(bytes);
  const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
  expect(code).toBe(0);
  const buf = Buffer.concat(out);
  return new Int16Array(buf.buffer, buf.byteOffset, buf.length / 2);
}

async function probe(bytes: Buffer): Promise<{ codec: string; duration: number }> {
  const child = exec("ffprobe", ["-v", "error", "-show_entries", "stream=codec_name:format=duration", "-of", "json", "pipe:0"]);
  child.child.stdin?.end(bytes);
  const { stdout } = await child;
  const info = JSON.parse(stdout) as { streams: { codec_name: string }[]; format: { duration?: string } };
  return { codec: info.streams[0]!.codec_name, duration: Number(info.format.duration ?? Number.NaN) };
}

const text = "Every format carries the same speech.";

describe("every OpenAI response_format, whole file", () => {
  it.each<[AudioFormat, string, number]>([
    ["mp3", "mp3", 0.08],
    ["opus", "opus", 0.08],
    ["aac", "aac", 0.1],
    ["flac", "flac", 0.001],
    ["wav", "pcm_s16le", 0.001],
  ])("%s decodes with ffmpeg to the right length", async (format, codec, tolerance) => {
    const res = await postSpeech(server.url, { input: text, voice: "af_heart", response_format: format });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(CONTENT_TYPES[format]);
    const bytes = Buffer.from(await res.arrayBuffer());
    const reference = await postSpeech(server.url, { input: text, voice: "af_heart", response_format: "pcm", stream: false });
    const expectedSeconds = (await reference.arrayBuffer()).byteLength / 2 / 24000;
    const info = await probe(bytes);
    expect(info.codec).toBe(codec);
    const decoded = await decodeWithFfmpeg(bytes);
    expect(Math.abs(decoded.length / 24000 - expectedSeconds)).toBeLessThanOrEqual(tolerance);
  });

  it("flac is lossless: the decoded audio is exactly the chunk plan", async () => {
    const res = await postSpeech(server.url, { input: text, voice: "af_heart", response_format: "flac" });
    const decoded = await decodeWithFfmpeg(Buffer.from(await res.arrayBuffer()));
    expectAudioOfPlan(decoded, await plannedChunks(server.services.frontEnd, text), 1, (n) => voiceStyle00("af_heart", n));
  });

  it("defaults to mp3, as OpenAI does", async () => {
    const res = await postSpeech(server.url, { input: text });
    expect(res.headers.get("content-type")).toBe("audio/mpeg");
    expect((await probe(Buffer.from(await res.arrayBuffer()))).codec).toBe("mp3");
  });
});

describe("a missing encoder", () => {
  it("is a 400 naming what to install, before any synthesis", async () => {
    // A server whose ffmpeg path points nowhere: mp3 cannot be written, wav still can.
    const saved = process.env.KOKORO_FFMPEG;
    process.env.KOKORO_FFMPEG = "/nonexistent/ffmpeg";
    try {
      const before = server.services.engine.callCount;
      const res = await postSpeech(server.url, { input: text, response_format: "opus" });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/ffmpeg/);
      expect(server.services.engine.callCount).toBe(before);
      expect((await postSpeech(server.url, { input: text, response_format: "wav" })).status).toBe(200);
    } finally {
      if (saved === undefined) delete process.env.KOKORO_FFMPEG;
      else process.env.KOKORO_FFMPEG = saved;
    }
  });
});
