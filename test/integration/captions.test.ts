import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { SAMPLE_RATE } from "../../src/model/contract.js";
import WebSocket from "ws";
import { cleanEnv, runCli } from "../helpers/run-cli.js";
import { decodeFixtureCalls } from "../helpers/fixture-audio.js";
import { parseWav, plannedChunks, postSpeech, startTestServer, type TestServer } from "../helpers/test-server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const TEXT =
  "Kokoro reads this first sentence aloud. Then comes a much longer sentence, one that runs on with clause after clause, so that its caption has to be split where the commas fall, and never in the middle of nowhere. Short end!";

interface ParsedCue {
  readonly start: number;
  readonly end: number;
  readonly lines: string[];
}

function parseTime(t: string): number {
  const [h, m, s] = t.replace(",", ".").split(":");
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
}

function parseCues(text: string, format: "srt" | "vtt"): ParsedCue[] {
  const body = format === "vtt" ? text.replace(/^WEBVTT\n\n/, "") : text;
  return body
    .trim()
    .split(/\n\n/)
    .map((block) => {
      const lines = block.split("\n");
      if (format === "srt") lines.shift();
      const [start, end] = lines.shift()!.split(" --> ");
      return { start: parseTime(start!), end: parseTime(end!), lines };
    });
}

/** When each planned word's first token sounds in the decoded fixture audio, in seconds, in order. */
async function wordOnsets(): Promise<{ words: string[]; onsets: number[] }> {
  const res = await postSpeech(server.url, { input: TEXT, voice: "af_heart", response_format: "wav", stream: false });
  const calls = decodeFixtureCalls(parseWav(Buffer.from(await res.arrayBuffer())).samples);
  const chunks = await plannedChunks(server.services.frontEnd, TEXT);
  expect(calls.map((c) => c.ids.join(" "))).toEqual(chunks.map((c) => c.ids.join(" ")));
  const words: string[] = [];
  const onsets: number[] = [];
  chunks.forEach((chunk, k) => {
    for (const w of chunk.words) {
      if (w.kind !== "word" || w.tokenEnd <= w.tokenStart) continue;
      words.push(w.text);
      onsets.push((calls[k]!.start + w.tokenStart * 600) / SAMPLE_RATE);
    }
  });
  return { words, onsets };
}

describe("captions", () => {
  for (const format of ["srt", "vtt"] as const) {
    it(`${format}: every cue starts within 50 ms of its first word's audio, ≤ 2 lines × 42 characters`, async () => {
      const res = await postSpeech(server.url, { input: TEXT, voice: "af_heart", response_format: format });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(format === "srt" ? /application\/x-subrip/ : /text\/vtt/);
      const text = await res.text();
      if (format === "vtt") expect(text.startsWith("WEBVTT\n\n")).toBe(true);
      const cues = parseCues(text, format);
      const { words, onsets } = await wordOnsets();
      // The cues' words are the spoken words, in order, each once.
      const cueWords = cues.map((c) => c.lines.join(" ").split(" ").map((w) => w.replace(/[.,!?;:]+$/u, "")));
      expect(cueWords.flat()).toEqual(words);
      let index = 0;
      for (const [i, cue] of cues.entries()) {
        expect(cue.lines.length, `cue ${i}`).toBeLessThanOrEqual(2);
        for (const line of cue.lines) expect(line.length, line).toBeLessThanOrEqual(42);
        expect(Math.abs(cue.start - onsets[index]!), `cue ${i} '${cue.lines[0]}'`).toBeLessThanOrEqual(0.05);
        expect(cue.end).toBeGreaterThan(cue.start);
        index += cueWords[i]!.length;
      }
      // Sentence-level: the first sentence is one cue; the long one is cut after commas.
      expect(cues[0]!.lines.join(" ")).toBe("Kokoro reads this first sentence aloud.");
      const long = cues.slice(1, -1);
      expect(long.length).toBeGreaterThan(1);
      for (const cue of long.slice(0, -1)) expect(cue.lines.at(-1)).toMatch(/,$/);
    });
  }

  it("timestamps: JSON with the audio and word and sentence timings", async () => {
    const res = await postSpeech(server.url, { input: TEXT, voice: "af_heart", response_format: "wav", stream: false, timestamps: true });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { audio: string; format: string; words: { word: string; start: number; end: number }[]; segments: { text: string; start: number; end: number }[] };
    expect(body.format).toBe("wav");
    const samples = parseWav(Buffer.from(body.audio, "base64")).samples;
    const { words, onsets } = await wordOnsets();
    expect(decodeFixtureCalls(samples).length).toBeGreaterThan(0);
    expect(body.words.map((w) => w.word)).toEqual(words);
    body.words.forEach((w, i) => expect(Math.abs(w.start - onsets[i]!), w.word).toBeLessThanOrEqual(0.05));
    expect(body.segments.map((s) => s.text)).toEqual([
      "Kokoro reads this first sentence aloud.",
      expect.stringMatching(/^Then comes .* nowhere\.$/),
      "Short end!",
    ]);
  });

  it("refuses timestamps on a stream and captions on the WebSocket's formats", async () => {
    const res = await postSpeech(server.url, { input: TEXT, timestamps: true, stream: true });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { param: string } }).error.param).toBe("timestamps");
    const bad = await postSpeech(server.url, { input: TEXT, response_format: "ass" });
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/use one of: mp3, .*srt, vtt/);
  });

  it("refuses srt/vtt with stream_format sse or stream true: a 400 naming the fields, before any model call", async () => {
    const calls = () => server.services.cache!.stats().hits + server.services.cache!.stats().misses;
    const before = calls();
    const cases = [
      ["/v1/audio/speech", { input: TEXT, response_format: "srt", stream_format: "sse" }, "stream_format"],
      ["/v1/audio/speech", { input: TEXT, response_format: "vtt", stream: true }, "stream"],
      ["/v1/audio/dialogue", { turns: [{ voice: "af_heart", text: TEXT }], response_format: "vtt", stream_format: "sse" }, "stream_format"],
    ] as const;
    for (const [route, body, param] of cases) {
      const res = await fetch(`${server.url}${route}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as { error: { message: string; param: string } };
      expect(error.param).toBe(param);
      expect(error.message).toMatch(new RegExp(`response_format ${body.response_format} is a whole subtitle file .*${param === "stream" ? "stream false" : "stream_format sse"}`, "u"));
    }
    expect(calls()).toBe(before);
  });

  it("kokoro say --out --captions writes the file and its subtitles, timed alike", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kokoro-captions-"));
    const [wav, vtt] = [path.join(dir, "out.wav"), path.join(dir, "out.vtt")];
    const run = await runCli(["say", TEXT, "--out", wav, "--captions", vtt, "--server", server.url], cleanEnv());
    expect(run.code, run.stderr).toBe(0);
    const cues = parseCues(readFileSync(vtt, "utf8"), "vtt");
    const calls = decodeFixtureCalls(parseWav(readFileSync(wav)).samples);
    expect(cues[0]!.lines.join(" ")).toBe("Kokoro reads this first sentence aloud.");
    // The first cue starts with the first call's first token (after its pad), the last ends within the audio.
    expect(Math.abs(cues[0]!.start - calls[0]!.start / SAMPLE_RATE)).toBeLessThanOrEqual(0.05);
    expect(cues.at(-1)!.end).toBeLessThanOrEqual(calls.at(-1)!.end / SAMPLE_RATE + 0.05);
    const bad = await runCli(["say", TEXT, "--captions", path.join(dir, "x.txt"), "--server", server.url], cleanEnv());
    expect(bad.stderr).toMatch(/--captions .*x\.txt: use a \.srt or \.vtt file/);
  });

  it("the WebSocket refuses subtitle formats in its start message", async () => {
    const ws = new WebSocket(`${server.url.replace("http", "ws")}/v1/audio/speech/ws`);
    const first = new Promise<{ type: string; message?: string }>((resolve) => ws.once("message", (data: Buffer) => resolve(JSON.parse(data.toString()) as { type: string })));
    await new Promise((resolve, reject) => {
      ws.once("open", resolve);
      ws.once("error", reject);
    });
    ws.send(JSON.stringify({ type: "start", voice: "af_heart", response_format: "vtt" }));
    expect(await first).toMatchObject({ type: "error", message: expect.stringMatching(/response_format vtt is for POST \/v1\/audio\/speech/) });
    ws.close();
  });
});
