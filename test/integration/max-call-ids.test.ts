// maxCallIds through the real server (fixture model, decodable audio): a sentence longer than the limit is spoken
// in calls of at most that many ids, cut at its clauses, every token once and in order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SPACE_ID } from "../../src/model/contract.js";
import { decodeFixtureCalls } from "../helpers/fixture-audio.js";
import { pcmToInt16, plannedChunks, postSpeech, startTestServer, type TestServer } from "../helpers/test-server.js";

const LONG = Array.from({ length: 10 }, (_, i) => `the quick brown fox number ${i + 1} jumps over the lazy dog`).join(", ") + ".";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ maxCallIds: 64 });
});
afterAll(() => server.close());

describe("maxCallIds in the server", () => {
  it("speaks a long sentence in calls of at most maxCallIds ids, every token once, in order", async () => {
    const seen: number[] = [];
    const observe = (call: { ids: number }): void => void seen.push(call.ids);
    server.services.engine.observers.add(observe);
    let pcm: Buffer;
    try {
      const res = await postSpeech(server.url, { input: LONG, voice: "af_heart", response_format: "pcm", stream: false });
      expect(res.status).toBe(200);
      pcm = Buffer.from(await res.arrayBuffer());
    } finally {
      server.services.engine.observers.delete(observe);
    }
    expect(seen.length).toBeGreaterThan(2);
    expect(Math.max(...seen)).toBeLessThanOrEqual(64);
    // The same text planned without the limit is one call: the whole sentence's tokens, as the capped calls spoke them.
    const uncapped = await plannedChunks(server.services.frontEnd, LONG);
    const spoken = decodeFixtureCalls(pcmToInt16(pcm), { speed: 1 }).flatMap((c) => c.ids.filter((id) => id !== 0));
    expect(spoken.filter((id) => id !== SPACE_ID)).toEqual(uncapped.flatMap((c) => c.ids).filter((id) => id !== SPACE_ID)); // spaces at cuts aside
  });
});
