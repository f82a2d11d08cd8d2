import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { phonemesToIds } from "../../src/engine/vocab.js";
import { decodeFixtureAudio, fixtureAmplitude, samplesPerToken, splitOnPads, stripPads } from "../helpers/fixture-audio.js";
import { parseWav, pcmToInt16, postSpeech, startTestServer, voiceStyle00, type TestServer } from "../helpers/test-server.js";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

/** The token ids the server's own G2P gives for `text` (what must reach the model, in order). */
async function expectedIds(text: string, lang: "en-us" | "en-gb" = "en-us"): Promise<number[]> {
  return phonemesToIds((await server.services.g2p.phonemize(text, lang)).trim());
}

describe("POST /v1/audio/speech (fixture model, real voices)", () => {
  it("returns a WAV whose audio decodes to exactly the input's tokens, wrapped in pads", async () => {
    const text = "Hello world, this is a test.";
    const res = await postSpeech(server.url, { model: "kokoro", input: text, voice: "af_heart", response_format: "wav" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("audio/wav");
    expect(res.headers.get("x-request-id")).toBeTruthy();
    const wav = parseWav(Buffer.from(await res.arrayBuffer()));
    expect(wav).toMatchObject({ sampleRate: 24000, channels: 1, bitsPerSample: 16 });

    const ids = await expectedIds(text);
    expect(ids.length).toBeGreaterThan(10);
    const decoded = decodeFixtureAudio(wav.samples, { speed: 1 });
    expect(decoded.ids).toEqual([0, ...ids, 0]);
    // Voice row n = number of phoneme ids without pads; the fixture's amplitude encodes style[0].
    const amplitude = fixtureAmplitude(voiceStyle00("af_heart", ids.length));
    for (const [i, a] of decoded.amplitudes.entries()) if (decoded.ids[i] !== 0) expect(a).toBeCloseTo(amplitude, 3);
    expect(Number(res.headers.get("x-audio-duration"))).toBeCloseTo(wav.samples.length / 24000, 2);
    expect(Number(res.headers.get("x-rtf"))).toBeGreaterThan(0);
  });

  it.each([0.5, 1, 2])("makes audio whose length follows speed %s", async (speed) => {
    const text = "Speed changes the length.";
    const res = await postSpeech(server.url, { input: text, voice: "af_bella", response_format: "pcm", speed });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("audio/pcm");
    const samples = pcmToInt16(Buffer.from(await res.arrayBuffer()));
    const ids = await expectedIds(text);
    expect(samples.length).toBe((ids.length + 2) * samplesPerToken(speed));
    expect(decodeFixtureAudio(samples, { speed }).ids).toEqual([0, ...ids, 0]);
  });

  it("splits long input into calls of at most 510 ids without losing or repeating any, each with its own voice row", async () => {
    const sentence = "The quick brown fox jumps over the lazy dog while the band plays on. ";
    const text = sentence.repeat(25);
    const ids = await expectedIds(text);
    expect(ids.length).toBeGreaterThan(1100);
    const res = await postSpeech(server.url, { input: text, voice: "am_adam", response_format: "pcm" });
    expect(res.status).toBe(200);
    const decoded = decodeFixtureAudio(pcmToInt16(Buffer.from(await res.arrayBuffer())), { speed: 1 });
    expect(stripPads(decoded.ids)).toEqual(ids);
    const calls = splitOnPads(decoded.ids);
    expect(calls.length).toBeGreaterThanOrEqual(3);
    let offset = 0;
    for (const call of calls) {
      expect(call.length).toBeLessThanOrEqual(510);
      // The first segment of the call tells its amplitude, which must match row len(call).
      const firstIndex = decoded.ids.indexOf(call[0]!, offset);
      expect(decoded.amplitudes[firstIndex]).toBeCloseTo(fixtureAmplitude(voiceStyle00("am_adam", call.length)), 3);
      offset = firstIndex + call.length;
    }
  });

  it("blends voices with normalised weights", async () => {
    const text = "Blend me.";
    const ids = await expectedIds(text);
    const n = ids.length;
    for (const [voice, style00] of [
      ["af_bella(2)+af_sky(1)", (2 * voiceStyle00("af_bella", n) + voiceStyle00("af_sky", n)) / 3],
      ["af_bella+af_sky", (voiceStyle00("af_bella", n) + voiceStyle00("af_sky", n)) / 2],
    ] as const) {
      const res = await postSpeech(server.url, { input: text, voice, response_format: "pcm" });
      expect(res.status).toBe(200);
      const decoded = decodeFixtureAudio(pcmToInt16(Buffer.from(await res.arrayBuffer())), { speed: 1 });
      expect(decoded.amplitudes[1]).toBeCloseTo(fixtureAmplitude(style00), 3);
    }
  });

  it("maps OpenAI voice names to Kokoro voices and accepts voice as {id}", async () => {
    const text = "Nova speaking.";
    const n = (await expectedIds(text)).length;
    const res = await postSpeech(server.url, { model: "tts-1", input: text, voice: { id: "nova" }, response_format: "pcm" });
    expect(res.status).toBe(200);
    const decoded = decodeFixtureAudio(pcmToInt16(Buffer.from(await res.arrayBuffer())), { speed: 1 });
    expect(decoded.amplitudes[1]).toBeCloseTo(fixtureAmplitude(voiceStyle00("af_nova", n)), 3);
  });

  it("uses British phonemes for a British voice unless lang says otherwise", async () => {
    const text = "Tomato and water.";
    const gb = await expectedIds(text, "en-gb");
    const us = await expectedIds(text, "en-us");
    expect(gb).not.toEqual(us);
    const res = await postSpeech(server.url, { input: text, voice: "bf_emma", response_format: "pcm" });
    expect(stripPads(decodeFixtureAudio(pcmToInt16(Buffer.from(await res.arrayBuffer())), { speed: 1 }).ids)).toEqual(gb);
    const res2 = await postSpeech(server.url, { input: text, voice: "bf_emma", response_format: "pcm", lang: "en-us" });
    expect(stripPads(decodeFixtureAudio(pcmToInt16(Buffer.from(await res2.arrayBuffer())), { speed: 1 }).ids)).toEqual(us);
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
