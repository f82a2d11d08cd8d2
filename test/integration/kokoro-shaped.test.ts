// The Kokoro-shaped model (../shared/models/kokoro-shaped/: Kokoro-82M's architecture, random weights) served
// end to end by the real server. Its audio is noise, so what is checked is the contract: the I/O is detected
// from the session, the audio length follows the model's `durations` output (600 samples per rounded frame,
// pads included), and the word timings come from those durations. The model (~325 MB) is generated on first
// use (`npm run fixtures -- --shaped`, a few seconds); everything else in the suite stays on the small fixtures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureShapedModel } from "../../scripts/onnx/kokoro-shaped.js";
import { SAMPLE_RATE, SAMPLES_PER_FRAME } from "../../src/model/contract.js";
import type { PhonemeChunk } from "../../src/plan/types.js";
import { plannedChunks, postSpeech, startTestServer, type TestServer } from "../helpers/test-server.js";

const TEXT = "Hello there, friend.";

interface SseEvent {
  type: string;
  audio?: string;
  words?: { word: string; start: number; end: number }[];
  estimated?: boolean;
  usage?: { output_tokens: number };
}

let server: TestServer;

beforeAll(async () => {
  const { path } = await ensureShapedModel();
  // One worker, one thread (the suite runs two files at once on 2 cores); no graph cache: it would write
  // another 325 MB file per run.
  server = await startTestServer({ model: path, workers: 1, intraOpThreads: 1, audioCacheMB: 0, optimizedModelCache: false });
}, 240_000);

afterAll(async () => {
  await server?.close();
});

/** The model's own output for a call, straight from the engine (the same worker and session the request used). */
async function modelOutput(chunk: PhonemeChunk, speed: number) {
  const voice = server.services.voices.resolve("af_heart");
  if (!voice.ok) throw new Error(voice.message);
  return server.services.engine.infer({ ids: chunk.ids, style: server.services.voices.styleFor(voice.voice, chunk.ids.length), speed });
}

/** Frames of each position as the model's length regulator counts them. */
const frames = (durations: Float32Array): number[] => Array.from(durations, (d) => Math.max(1, Math.round(d)));

describe("the Kokoro-shaped model", () => {
  it("is served with the onnx-community I/O, read from the session", () => {
    expect(server.services.engine.info.io).toEqual({
      idsInput: "input_ids",
      styleInput: "style",
      speedInput: "speed",
      speedType: "float32",
      audioOutput: "waveform",
      durationOutput: "durations",
    });
  });

  it("speaks 600 samples per rounded duration frame, and times the words by the durations", async () => {
    const chunks = await plannedChunks(server.services.frontEnd, TEXT);
    expect(chunks).toHaveLength(1);
    const chunk = chunks[0]!;
    // The length of the model's own audio for this request's call (before seams), as the engine saw it.
    const rawLengths: number[] = [];
    const observe = (call: { ids: number; audioSeconds: number }): void => {
      if (call.ids === chunk.ids.length) rawLengths.push(Math.round(call.audioSeconds * SAMPLE_RATE));
    };
    server.services.engine.observers.add(observe);
    let events: SseEvent[];
    try {
      const res = await postSpeech(server.url, { input: TEXT, voice: "af_heart", response_format: "pcm", stream_format: "sse" });
      expect(res.status).toBe(200);
      events = (await res.text())
        .split("\n\n")
        .filter((block) => block.startsWith("data: "))
        .map((block) => JSON.parse(block.slice(6)) as SseEvent);
    } finally {
      server.services.engine.observers.delete(observe);
    }
    const pcm = Buffer.concat(events.filter((e) => e.type === "speech.audio.delta").map((e) => Buffer.from(e.audio!, "base64")));
    const served = pcm.length / 2;

    // The model's durations: every position (pads included) lasts 3 frames at speed 1 (the README). The duration
    // head is deterministic; the audio is not (the harmonic source adds random noise), so only lengths are compared.
    const { durations } = await modelOutput(chunk, 1);
    expect(durations).not.toBeNull();
    expect(durations).toHaveLength(chunk.ids.length + 2);
    for (const d of durations!) expect(d).toBeCloseTo(3, 4);
    const perPosition = frames(durations!);

    // N = 600 · Σ max(1, round(d)) for the request's own call.
    expect(rawLengths).toEqual([SAMPLES_PER_FRAME * perPosition.reduce((a, b) => a + b, 0)]);
    const raw = rawLengths[0]!;
    // What the listener got: that audio through the seams (edges below -60 dBFS trimmed; the last call ends with
    // a 40 ms tail). Noise is almost never that quiet for long at the edges: at most a frame is trimmed.
    const tail = Math.round((server.services.seams!.pauseMs.none * SAMPLE_RATE) / 1000);
    expect(served).toBeLessThanOrEqual(raw + tail);
    expect(served).toBeGreaterThan(raw + tail - SAMPLES_PER_FRAME);
    expect(events.at(-1)!.usage!.output_tokens).toBe(Math.round(served / SAMPLES_PER_FRAME));

    // Word timings: from the durations (not estimated), each word starting where its first token's frames do
    // (less what the seams cut from the start, the same for every word).
    const wordEvents = events.filter((e) => e.type === "speech.audio.words");
    expect(wordEvents.length).toBeGreaterThan(0);
    expect(wordEvents.every((e) => e.estimated === false)).toBe(true);
    const words = wordEvents.flatMap((e) => e.words!);
    const planned = chunk.words.filter((w) => w.kind === "word" && w.tokenEnd > w.tokenStart);
    expect(words.map((w) => w.word)).toEqual(planned.map((w) => w.text));
    const secondsBefore = (position: number): number => (perPosition.slice(0, position).reduce((a, b) => a + b, 0) * SAMPLES_PER_FRAME) / SAMPLE_RATE;
    const cutS = secondsBefore(planned[0]!.tokenStart + 1) - words[0]!.start;
    expect(cutS).toBeGreaterThanOrEqual(-0.001);
    expect(cutS).toBeLessThan(SAMPLES_PER_FRAME / SAMPLE_RATE);
    planned.forEach((w, k) => {
      // Token i of the chunk is position i + 1 (after the leading pad).
      expect(words[k]!.start).toBeCloseTo(secondsBefore(w.tokenStart + 1) - cutS, 2);
      expect(words[k]!.end).toBeCloseTo(secondsBefore(w.tokenEnd + 1) - cutS, 2);
    });
    expect(words.at(-1)!.end).toBeLessThanOrEqual(served / SAMPLE_RATE);
  });

  it("follows speed: 3 / speed frames a token, rounded", async () => {
    const [chunk] = await plannedChunks(server.services.frontEnd, TEXT);
    const out = await modelOutput(chunk!, 1.3);
    for (const d of out.durations!) expect(d).toBeCloseTo(3 / 1.3, 4);
    expect(out.audio.length).toBe(SAMPLES_PER_FRAME * 2 * (chunk!.ids.length + 2)); // round(2.31) = 2 frames
  });
});
