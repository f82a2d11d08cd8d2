import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { phonemeIds, phonemizeText } from "../../src/pipeline/front-end.js";
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

describe("call sizing from the measured cost (light fixture: far faster than real time)", () => {
  it("keeps the first call small, then makes later calls as large as the buffered audio allows", async () => {
    // Let the engine measure calls of several sizes.
    for (const t of ["Hi.", "A somewhat longer sentence to measure.", "And one more sentence, longer again, so the cost line has points."]) {
      await (await postSpeech(server.url, { input: t, response_format: "pcm" })).arrayBuffer();
    }
    expect(server.services.engine.cost.predictMs(100)).not.toBeNull();

    const text = Array.from({ length: 30 }, (_, i) => `Sentence number ${i + 1} is here to make the text long.`).join(" ");
    const res = await postSpeech(server.url, { input: text, response_format: "pcm" });
    const calls = decodeFixtureCalls(pcmToInt16(Buffer.from(await res.arrayBuffer())), { speed: 1 });
    expect(calls[0]!.ids.length).toBeLessThanOrEqual(48);
    expect(calls[1]!.ids.length).toBeGreaterThan(96); // beyond what doubling would allow
    for (const c of calls) expect(c.ids.length).toBeLessThanOrEqual(510);
    // Nothing lost, repeated or reordered (spaces at the cuts are where the pads now are).
    const expected = phonemeIds(await phonemizeText(text, server.services.frontEnd, { lang: "en-us", codeBlocks: "skip" }));
    expect(noSpaces(calls.flatMap((c) => c.ids))).toEqual(noSpaces(expected));
  });
});
