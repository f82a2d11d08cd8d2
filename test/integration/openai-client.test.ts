import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAudioOfPlan, parseWav, pcmToInt16, plannedChunks, startTestServer, voiceStyle00, type TestServer } from "../helpers/test-server.js";

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
    const chunks = await plannedChunks(server.services.frontEnd, input);
    const wavRes = await client.audio.speech.create({ model: "tts-1", voice: "alloy", input, response_format: "wav" });
    const wav = parseWav(Buffer.from(await wavRes.arrayBuffer()));
    expectAudioOfPlan(wav.samples, chunks, 1, (n) => voiceStyle00("af_alloy", n));

    const pcmRes = await client.audio.speech.create({ model: "gpt-4o-mini-tts", voice: "onyx", input, response_format: "pcm", speed: 2 });
    const pcm = pcmToInt16(Buffer.from(await pcmRes.arrayBuffer()));
    expectAudioOfPlan(pcm, chunks, 2, (n) => voiceStyle00("am_onyx", n));
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
