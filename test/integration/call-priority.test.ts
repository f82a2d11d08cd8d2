import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InferOptions, ModelCall } from "../../src/engine/engine.js";
import { resolveVoice } from "../../src/engine/voices/index.js";
import { prepareSpeech, synthesize, type SpeechServices } from "../../src/pipeline/speech.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

// The deadlines synthesize() gives the scheduler, observed on the real engine (a spy that records and
// delegates): a listener who has heard nothing comes first, later calls follow real time, background work
// (self-benchmark) comes after every listener.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ audioCacheMB: 0 });
});
afterAll(() => server.close());

async function deadlinesOf(text: string, background: boolean): Promise<number[]> {
  const seen: number[] = [];
  const engine = server.services.engine;
  const spy = new Proxy(engine, {
    get(target, prop, receiver) {
      if (prop === "infer") {
        return (call: ModelCall, options: InferOptions = {}) => {
          seen.push(options.deadline ?? Number.NaN);
          return target.infer(call, options);
        };
      }
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  const services: SpeechServices = { ...server.services, engine: spy, cache: undefined };
  const voice = resolveVoice("af_heart", services.voices);
  if (!voice.ok) throw new Error(voice.message);
  const prepared = await prepareSpeech({ text, voice: voice.voice, speed: 1, lang: "en-us" }, services.frontEnd);
  for await (const chunk of synthesize(prepared, services, { background })) expect(chunk.samples.length).toBeGreaterThan(0);
  return seen;
}

const TEXT = "First a short opening. Then a much longer second sentence that keeps going for a while, and a third one after it.";

describe("call priority", () => {
  it("a request's first call is the most urgent; later calls follow the listener's real-time deadlines", async () => {
    const before = performance.now();
    const d = await deadlinesOf(TEXT, false);
    expect(d.length).toBeGreaterThanOrEqual(2);
    expect(d[0]).toBe(Number.NEGATIVE_INFINITY);
    for (const later of d.slice(1)) expect(later).toBeGreaterThan(before);
    for (let i = 2; i < d.length; i++) expect(d[i]!).toBeGreaterThan(d[i - 1]!);
  });

  it("background work (self-benchmark) comes after every listener's calls, first call included", async () => {
    const d = await deadlinesOf(TEXT, true);
    for (const deadline of d) expect(deadline).toBeGreaterThan(performance.now() + 30 * 60_000);
  });
});
