import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_RATE } from "../../src/model/contract.js";
import { plannedChunks, startTestServer, type TestServer } from "../helpers/test-server.js";

// A paused reader must not make the server synthesize far ahead of it (issue 4: bounded look-ahead).
const MAX_AHEAD_S = 4;
const TEXT = Array.from({ length: 120 }, (_, i) => `Sentence ${i + 1} keeps the reading going for a while.`).join(" ");
const secondsOf = (ids: number): number => ((ids + 2) * 600) / SAMPLE_RATE; // the fixture: 600 samples an id at speed 1

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ maxAheadSeconds: MAX_AHEAD_S, audioCacheMB: 0 });
});
afterAll(() => server.close());

describe("bounded look-ahead", () => {
  it("a reader that stops reading stops synthesis within maxAheadSeconds of real time", async () => {
    const chunks = await plannedChunks(server.services.frontEnd, TEXT);
    const totalAudioS = chunks.reduce((s, c) => s + secondsOf(c.ids.length), 0);
    const before = server.services.engine.stats().completed;
    const started = Date.now();
    const url = new URL(server.url);
    const req = http.request({ host: url.hostname, port: url.port, path: "/v1/audio/speech", method: "POST", headers: { "Content-Type": "application/json" } });
    const res = await new Promise<http.IncomingMessage>((resolve) => {
      req.once("response", resolve);
      req.end(JSON.stringify({ input: TEXT, voice: "af_heart", response_format: "mp3" }));
    });
    await new Promise((resolve) => res.once("data", resolve));
    res.pause(); // the listener pauses after the first bytes
    await new Promise((r) => setTimeout(r, 2000));
    const elapsedS = (Date.now() - started) / 1000;
    const done = server.services.engine.stats().completed - before;
    const synthesizedS = chunks.slice(0, done).reduce((s, c) => s + secondsOf(c.ids.length), 0);
    req.destroy();
    // Everything started before it was needed within MAX_AHEAD_S; one call more may be in flight as it is
    // submitted at its bound, and calls are at most 510 ids.
    expect(synthesizedS).toBeLessThanOrEqual(elapsedS + MAX_AHEAD_S + 2 * secondsOf(510));
    expect(synthesizedS).toBeLessThan(totalAudioS / 2); // far from the whole text (~130 s of audio)
    expect(totalAudioS).toBeGreaterThan(100);
  });
});
