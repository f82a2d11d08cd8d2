import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { phonemesToIds } from "../../src/engine/vocab.js";
import { decodeFixtureAudio, stripPads } from "../helpers/fixture-audio.js";
import { parseWav, pcmToInt16, startTestServer, type TestServer } from "../helpers/test-server.js";

let server: TestServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startTestServer();
  client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: "not-needed", maxRetries: 0 });
});
afterAll(async () => {
  await server?.close();
});

describe("the official openai package against the server", () => {
  it("creates speech as WAV and PCM", async () => {
    const input = "The official client works.";
    const ids = phonemesToIds((await server.services.g2p.phonemize(input, "en-us")).trim());
    const wavRes = await client.audio.speech.create({ model: "tts-1", voice: "alloy", input, response_format: "wav" });
    const wav = parseWav(Buffer.from(await wavRes.arrayBuffer()));
    expect(stripPads(decodeFixtureAudio(wav.samples, { speed: 1 }).ids)).toEqual(ids);

    const pcmRes = await client.audio.speech.create({ model: "gpt-4o-mini-tts", voice: "onyx", input, response_format: "pcm", speed: 2 });
    const pcm = pcmToInt16(Buffer.from(await pcmRes.arrayBuffer()));
    expect(stripPads(decodeFixtureAudio(pcm, { speed: 2 }).ids)).toEqual(ids);
  });

  it("surfaces our OpenAI-shaped errors as APIError with status and message", async () => {
    const err = await client.audio.speech
      .create({ model: "tts-1", voice: "nobody", input: "x", response_format: "wav" })
      .then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(400);
    expect((err as InstanceType<typeof OpenAI.APIError>).message).toMatch(/unknown voice 'nobody'/);
  });

  it("lists models", async () => {
    const ids: string[] = [];
    for await (const m of client.models.list()) ids.push(m.id);
    expect(ids).toEqual(expect.arrayContaining(["kokoro", "tts-1", "tts-1-hd"]));
  });
});
