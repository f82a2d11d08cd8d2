import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { phonemesToIds } from "../../src/g2p/vocab.js";
import { decodeFixtureCalls, samplesPerToken } from "../helpers/fixture-audio.js";
import {
  expectAudioOfPlan,
  parseWav,
  pcmToInt16,
  plannedChunks,
  postSpeech,
  startTestServer,
  voiceStyle00,
  type TestServer,
} from "../helpers/test-server.js";

let server: TestServer;

beforeAll(async () => {
  // Non-default pauses, so the seams test proves the settings reach the pipeline.
  server = await startTestServer({ pauseParagraphMs: 700, pauseSentenceMs: 250, pauseClauseMs: 100 });
});
afterAll(async () => {
  await server?.close();
});

const plan = (text: string, lang: "en-us" | "en-gb" = "en-us") => plannedChunks(server.services.frontEnd, text, lang);
const pcmOf = async (res: Response) => pcmToInt16(Buffer.from(await res.arrayBuffer()));

describe("POST /v1/audio/speech (fixture model, real voices)", () => {
  it("returns a WAV whose audio decodes to exactly the planned calls, each wrapped in pads, with the right voice rows", async () => {
    const text = "Hello world, this is a test.";
    const res = await postSpeech(server.url, { model: "kokoro", input: text, voice: "af_heart", response_format: "wav", stream: false });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("audio/wav");
    expect(res.headers.get("x-request-id")).toBeTruthy();
    expect(Number(res.headers.get("content-length"))).toBeGreaterThan(44);
    const wav = parseWav(Buffer.from(await res.arrayBuffer()));
    expect(wav.streamed).toBe(false);
    expect(wav).toMatchObject({ sampleRate: 24000, channels: 1, bitsPerSample: 16 });
    const chunks = await plan(text);
    expect(chunks.flatMap((c) => c.words.map((w) => w.text)).join(" ")).toMatch(/Hello.*world.*test/);
    expectAudioOfPlan(wav.samples, chunks, 1, (n) => voiceStyle00("af_heart", n));
    expect(Number(res.headers.get("x-audio-duration"))).toBeCloseTo(wav.samples.length / 24000, 2);
    expect(Number(res.headers.get("x-rtf"))).toBeGreaterThan(0);
  });

  it.each([0.5, 1, 2])("makes audio whose length follows speed %s", async (speed) => {
    const text = "Speed changes the length.";
    const res = await postSpeech(server.url, { input: text, voice: "af_bella", response_format: "pcm", speed });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("audio/pcm");
    const samples = await pcmOf(res);
    const chunks = await plan(text);
    // Each call's tones last exactly its ids × the samples per token that speed implies.
    const calls = decodeFixtureCalls(samples, { speed });
    expect(calls.map((c) => c.end - c.start)).toEqual(chunks.map((c) => c.ids.length * samplesPerToken(speed)));
    expectAudioOfPlan(samples, chunks, speed, (n) => voiceStyle00("af_bella", n));
  });

  it("speaks a long multi-paragraph text as its chunk plan: every call ≤ 510 ids, nothing lost or repeated", async () => {
    const paragraph =
      "The quick brown fox jumps over the lazy dog while the band plays on, and nobody seems to mind at all. " +
      "On 2024-01-05 Dr. Smith paid $3.50 for 1,000 copies of example.com's report; e.g. the price rose 3.5% overnight.";
    const text = Array.from({ length: 8 }, () => paragraph).join("\n\n");
    const chunks = await plan(text);
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    for (const c of chunks) expect(c.ids.length).toBeLessThanOrEqual(510);
    expect(chunks[0]!.ids.length).toBeLessThan(chunks[1]!.ids.length + chunks[0]!.ids.length);
    const res = await postSpeech(server.url, { input: text, voice: "am_adam", response_format: "pcm" });
    expect(res.status).toBe(200);
    const samples = await pcmOf(res);
    expectAudioOfPlan(samples, chunks, 1, (n) => voiceStyle00("am_adam", n));
    // Seams: between calls, a pause at least as long as the boundary's natural pause (paragraph > sentence > clause).
    const calls = decodeFixtureCalls(samples, { speed: 1 });
    const pauseMs = { paragraph: 700, sentence: 250, clause: 100, none: 40 } as const; // set in beforeAll
    for (let k = 0; k < calls.length - 1; k++) {
      const gapMs = ((calls[k + 1]!.start - calls[k]!.end) / 24000) * 1000;
      expect(gapMs).toBeGreaterThanOrEqual(pauseMs[chunks[k]!.breakAfter]);
      expect(gapMs).toBeLessThan(pauseMs[chunks[k]!.breakAfter] + 60);
    }
    // The stream starts almost at once: at most the 10 ms edge before the first tone.
    expect(calls[0]!.start).toBeLessThanOrEqual(241);
  });

  it("blends voices with normalised weights", async () => {
    const text = "Blend me.";
    const chunks = await plan(text);
    for (const [voice, style00] of [
      ["af_bella(2)+af_sky(1)", (n: number) => (2 * voiceStyle00("af_bella", n) + voiceStyle00("af_sky", n)) / 3],
      ["af_bella+af_sky", (n: number) => (voiceStyle00("af_bella", n) + voiceStyle00("af_sky", n)) / 2],
    ] as const) {
      const res = await postSpeech(server.url, { input: text, voice, response_format: "pcm" });
      expect(res.status).toBe(200);
      expectAudioOfPlan(await pcmOf(res), chunks, 1, style00);
    }
  });

  it("maps OpenAI voice names to Kokoro voices and accepts voice as {id}", async () => {
    const text = "Nova speaking.";
    const res = await postSpeech(server.url, { model: "tts-1", input: text, voice: { id: "nova" }, response_format: "pcm" });
    expect(res.status).toBe(200);
    expectAudioOfPlan(await pcmOf(res), await plan(text), 1, (n) => voiceStyle00("af_nova", n));
  });

  it("uses British phonemes for a British voice unless lang says otherwise", async () => {
    const text = "Tomato and water.";
    const gb = await plan(text, "en-gb");
    const us = await plan(text, "en-us");
    expect(gb.flatMap((c) => c.ids)).not.toEqual(us.flatMap((c) => c.ids));
    const res = await postSpeech(server.url, { input: text, voice: "bf_emma", response_format: "pcm" });
    expectAudioOfPlan(await pcmOf(res), gb, 1, (n) => voiceStyle00("bf_emma", n));
    const res2 = await postSpeech(server.url, { input: text, voice: "bf_emma", response_format: "pcm", lang: "en-us" });
    expectAudioOfPlan(await pcmOf(res2), us, 1, (n) => voiceStyle00("bf_emma", n));
  });

  it("speaks inline pronunciations verbatim and rejects invalid phoneme symbols with a 400 naming the symbol", async () => {
    const text = "Say [Kokoro](/kˈOkəɹO/) now.";
    const chunks = await plan(text);
    expect(chunks.flatMap((c) => c.words.map((w) => w.phonemes))).toContain("kˈOkəɹO");
    const res = await postSpeech(server.url, { input: text, response_format: "pcm" });
    expect(res.status).toBe(200);
    expectAudioOfPlan(await pcmOf(res), chunks, 1, (n) => voiceStyle00("af_heart", n));
    const bad = await postSpeech(server.url, { input: "Say [Kokoro](/kʘO/) now.", response_format: "pcm" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/ʘ/);
  });
});

describe("streaming (the default)", () => {
  it("streams a WAV with 0xFFFFFFFF size placeholders, chunked, whose audio is the chunk plan", async () => {
    const text = "Streaming is the default. The audio is written as each model call finishes, so it starts at once.";
    const res = await postSpeech(server.url, { input: text, voice: "af_heart", response_format: "wav" });
    expect(res.status).toBe(200);
    expect(res.headers.get("transfer-encoding")).toBe("chunked");
    expect(res.headers.get("content-length")).toBeNull();
    const wav = parseWav(Buffer.from(await res.arrayBuffer()));
    expect(wav.streamed).toBe(true);
    const chunks = await plan(text);
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    expectAudioOfPlan(wav.samples, chunks, 1, (n) => voiceStyle00("af_heart", n));
  });

  it("keeps 20 concurrent streams with different voices and speeds apart: each gets exactly its own plan", async () => {
    const voices = ["af_heart", "am_adam", "bf_emma", "af_sky", "bm_george"];
    const speeds = [0.5, 0.8, 1, 1.25, 2];
    const jobs = Array.from({ length: 20 }, (_, i) => ({
      input: `Request number ${i + 1} says its own words, in order, with voice ${i % 5}.`,
      voice: voices[i % 5]!,
      speed: speeds[Math.floor(i / 4) % 5]!,
    }));
    const results = await Promise.all(
      jobs.map(async (job) => {
        const res = await postSpeech(server.url, { ...job, response_format: "pcm" });
        return { job, status: res.status, samples: await pcmOf(res) };
      }),
    );
    for (const { job, status, samples } of results) {
      expect(status).toBe(200);
      const lang = job.voice.startsWith("b") ? "en-gb" : "en-us";
      expectAudioOfPlan(samples, await plan(job.input, lang), job.speed, (n) => voiceStyle00(job.voice, n));
    }
  });
});

describe("/dev routes", () => {
  it("POST /dev/normalize returns the normalized text", async () => {
    const res = await fetch(`${server.url}/dev/normalize`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ input: "Dr. Smith paid $3.50.", lang: "en-us" }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { text: string }).text).toMatch(/doctor smith paid three dollars and fifty cents\./i);
  });

  it("POST /dev/phonemize returns phonemes and the matching token ids", async () => {
    const res = await fetch(`${server.url}/dev/phonemize`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ input: "Hello world." }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { phonemes: string; tokens: number[] };
    expect(body.phonemes).toMatch(/həlˈO/);
    expect(body.tokens).toEqual(phonemesToIds(body.phonemes));
    const bad = await fetch(`${server.url}/dev/phonemize`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ input: 5 }),
    });
    expect(bad.status).toBe(400);
  });
});

describe("listing endpoints", () => {
  it("GET /v1/audio/voices lists the 54 voices, details and the OpenAI mapping", async () => {
    const res = await fetch(`${server.url}/v1/audio/voices`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { voices: string[]; details: { id: string; language: string }[]; openai_aliases: Record<string, string> };
    expect(body.voices).toHaveLength(54);
    expect(body.voices).toContain("af_heart");
    expect(body.details.find((d) => d.id === "bf_emma")?.language).toBe("en-gb");
    expect(Object.keys(body.openai_aliases)).toHaveLength(13);
    expect(body.openai_aliases.alloy).toBe("af_alloy");
  });

  it("GET /v1/models lists OpenAI-style models", async () => {
    const body = (await (await fetch(`${server.url}/v1/models`)).json()) as { object: string; data: { id: string; object: string }[] };
    expect(body.object).toBe("list");
    expect(body.data.map((m) => m.id)).toContain("tts-1");
    expect((await fetch(`${server.url}/v1/models/kokoro`)).status).toBe(200);
    expect((await fetch(`${server.url}/v1/models/nope`)).status).toBe(404);
  });

  it("GET /health is ready", async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe("ready");
  });
});

describe("stream_format: sse", () => {
  interface SseEvent {
    type: string;
    audio?: string;
    words?: { word: string; start: number; end: number }[];
    estimated?: boolean;
    usage?: { input_tokens: number; output_tokens: number; total_tokens: number };
  }

  it("sends base64 audio deltas, word timings, then done with usage; the audio is the chunk plan", async () => {
    const text = "Server-sent events carry the audio. Each call's words come with their times, in order.";
    const res = await postSpeech(server.url, { input: text, voice: "af_heart", response_format: "pcm", stream_format: "sse" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const raw = await res.text();
    const events = raw
      .split("\n\n")
      .filter((block) => block.startsWith("data: "))
      .map((block) => JSON.parse(block.slice(6)) as SseEvent);
    expect(events.at(-1)!.type).toBe("speech.audio.done");
    expect(events.filter((e) => e.type === "speech.audio.done")).toHaveLength(1);
    const audio = Buffer.concat(events.filter((e) => e.type === "speech.audio.delta").map((e) => Buffer.from(e.audio!, "base64")));
    const samples = new Int16Array(audio.buffer, audio.byteOffset, audio.length / 2);
    const chunks = await plan(text);
    expectAudioOfPlan(samples, chunks, 1, (n) => voiceStyle00("af_heart", n));

    const words = events.filter((e) => e.type === "speech.audio.words").flatMap((e) => e.words!);
    expect(events.filter((e) => e.type === "speech.audio.words").every((e) => e.estimated === true)).toBe(true);
    expect(words.map((w) => w.word).join(" ")).toMatch(/Server.*events.*carry.*audio.*order/);
    const total = samples.length / 24000;
    let last = 0;
    for (const w of words) {
      expect(w.start).toBeGreaterThanOrEqual(last);
      expect(w.end).toBeGreaterThan(w.start);
      expect(w.end).toBeLessThanOrEqual(total + 1e-9);
      last = w.end;
    }
    const usage = events.at(-1)!.usage!;
    expect(usage.input_tokens).toBe(chunks.reduce((n, c) => n + c.ids.length, 0));
    expect(usage.output_tokens).toBe(Math.round(samples.length / 600));
  });
});

describe("volume", () => {
  it("scales the samples, clipping at full scale instead of wrapping", async () => {
    const text = "Louder, please.";
    const base = await pcmOf(await postSpeech(server.url, { input: text, response_format: "pcm" }));
    const half = await pcmOf(await postSpeech(server.url, { input: text, response_format: "pcm", volume: 0.5 }));
    const loud = await pcmOf(await postSpeech(server.url, { input: text, response_format: "pcm", volume: 4 }));
    expect(half.length).toBe(base.length);
    const peak = (a: Int16Array) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(peak(half) / peak(base)).toBeCloseTo(0.5, 2);
    expect(peak(loud)).toBeGreaterThanOrEqual(32767); // 0.3–0.5 × 4 exceeds full scale: clipped
    expect(loud.every((v, i) => Math.sign(v) === Math.sign(base[i]!) || v === 0 || base[i] === 0)).toBe(true);
  });

  it("never changes the duration: volume 0 is silence exactly as long as the speech", async () => {
    const text = "Quiet, please. This is a second sentence.";
    for (const stream of [true, false]) {
      const base = await pcmOf(await postSpeech(server.url, { input: text, response_format: "pcm", stream }));
      const silent = await pcmOf(await postSpeech(server.url, { input: text, response_format: "pcm", stream, volume: 0 }));
      const quiet = await pcmOf(await postSpeech(server.url, { input: text, response_format: "pcm", stream, volume: 0.01 }));
      expect(silent.length).toBe(base.length);
      expect(quiet.length).toBe(base.length);
      expect(silent.every((v) => v === 0)).toBe(true);
    }
  });
});

describe("audio cache", () => {
  it("answers a repeated request from the cache with identical audio and no new model calls", async () => {
    const body = { input: "Cache me if you can, twice.", voice: "af_sky", response_format: "pcm", speed: 1.1 };
    const first = Buffer.from(await (await postSpeech(server.url, body)).arrayBuffer());
    const calls = server.services.engine.callCount;
    const hits = server.services.cache!.stats().hits;
    const second = Buffer.from(await (await postSpeech(server.url, body)).arrayBuffer());
    expect(second.equals(first)).toBe(true);
    expect(server.services.engine.callCount).toBe(calls);
    expect(server.services.cache!.stats().hits).toBeGreaterThan(hits);
    // Another voice is another key.
    await (await postSpeech(server.url, { ...body, voice: "af_bella" })).arrayBuffer();
    expect(server.services.engine.callCount).toBeGreaterThan(calls);
  });
});
