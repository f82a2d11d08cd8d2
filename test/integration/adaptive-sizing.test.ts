import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { phonemeIds, phonemizeText } from "../../src/pipeline/front-end.js";
import { SENTENCE_PACK_IDS } from "../../src/plan/real-time-sizing.js";
import { decodeFixtureCalls } from "../helpers/fixture-audio.js";
import { pcmToInt16, postSpeech, startTestServer, type TestServer } from "../helpers/test-server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ adaptiveCallSizing: true, audioCacheMB: 0 });
});
afterAll(async () => {
  await server?.close();
});

const noSpaces = (ids: readonly number[]): number[] => ids.filter((id) => id !== 16);
const SENTENCE_END_IDS = new Set([4, 5, 6]); // . ! ? in Kokoro's vocabulary

async function callsOf(body: Record<string, unknown>): Promise<number[][]> {
  const res = await postSpeech(server.url, { response_format: "pcm", ...body });
  expect(res.status).toBe(200);
  return decodeFixtureCalls(pcmToInt16(Buffer.from(await res.arrayBuffer())), { speed: 1 }).map((c) => c.ids);
}

describe("call sizing from the measured cost (light fixture: far faster than real time)", () => {
  const text = Array.from({ length: 40 }, (_, i) => `Sentence number ${i + 1} is here, to make the text long.`).join(" ");

  it("knows the cost of a call from start-up (two sizes measured at warm-up)", () => {
    expect(server.services.engine.cost.forPlanning().predictMs(100)).not.toBeNull();
  });

  it("keeps a text that fits the first call's budget in one call", async () => {
    expect(await callsOf({ input: "A short text. Two sentences of it.", stream: true })).toHaveLength(1);
  });

  // That the plan is the same run after run is tested in test/plan (a noisy cost model): here the machine's load
  // (a CI machine running other tests) can move the measured cost of these millisecond calls by far more than 20%.
  it("plans a long text in calls of whole sentences, losing nothing", async () => {
    const first = await callsOf({ input: text, stream: true });
    expect(first.length).toBeGreaterThan(2);
    for (const call of first.slice(0, -1)) {
      expect(SENTENCE_END_IDS.has(call.at(-1)!), "every call ends on a sentence").toBe(true);
      expect(call.length).toBeLessThanOrEqual(510);
    }
    // Sentences here are ~40 ids: packed up to the limit, never past it.
    for (const call of first.slice(1, -1)) {
      expect(call.length).toBeLessThanOrEqual(SENTENCE_PACK_IDS);
      expect(call.length).toBeGreaterThan(SENTENCE_PACK_IDS / 2);
    }
    const expected = phonemeIds(await phonemizeText(text, server.services.frontEnd, { lang: "en-us", codeBlocks: "skip" }));
    expect(noSpaces(first.flat())).toEqual(noSpaces(expected));
  });
});
