import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_MODEL_HEAVY } from "../helpers/paths.js";
import { plannedChunks, postSpeech, startTestServer, type TestServer } from "../helpers/test-server.js";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ model: FIXTURE_MODEL_HEAVY, intraOpThreads: 2, maxInputChars: 10_000, maxActiveRequests: 1, audioCacheMB: 0 });
});
afterAll(async () => {
  await server?.close();
});

const longText = Array.from(
  { length: 60 },
  (_, i) => `Sentence ${i + 1} of a long reading goes on for a while, so that the whole text runs past five thousand characters.`,
).join(" ");

/** Opens a streaming request and resolves at its first body byte, with a way to read the rest or hang up. */
function openStream(body: unknown): Promise<{ res: http.IncomingMessage; req: http.ClientRequest; firstBytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const url = new URL(`${server.url}/v1/audio/speech`);
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { "Content-Type": "application/json" } });
    req.on("response", (res) => {
      res.once("data", (firstBytes: Buffer) => {
        res.pause();
        resolve({ res, req, firstBytes });
      });
      res.once("error", reject);
    });
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

describe("streaming with the heavy fixture", () => {
  it("sends the first audio bytes of a 5,000-character request before the second model call finishes", async () => {
    expect(longText.length).toBeGreaterThan(5000);
    const chunks = await plannedChunks(server.services.frontEnd, longText);
    expect(chunks.length).toBeGreaterThan(5);
    const before = server.services.engine.stats().completed;
    const { res, firstBytes } = await openStream({ input: longText, response_format: "pcm" });
    const completedAtFirstByte = server.services.engine.stats().completed - before;
    expect(firstBytes.length).toBeGreaterThan(0);
    expect(completedAtFirstByte).toBeLessThan(2);
    res.destroy();
  });

  it("answers 429 with Retry-After beyond maxActiveRequests, and frees the slot when a client leaves", async () => {
    const { res, req } = await openStream({ input: longText, response_format: "pcm" });
    const refused = await postSpeech(server.url, { input: "Me too.", response_format: "pcm" });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("too_many_requests");
    req.destroy();
    res.destroy();
    let next = await postSpeech(server.url, { input: "My turn.", response_format: "pcm" });
    for (let i = 0; next.status === 429 && i < 100; i++) {
      await next.arrayBuffer();
      await new Promise((r) => setTimeout(r, 20));
      next = await postSpeech(server.url, { input: "My turn.", response_format: "pcm" });
    }
    expect(next.status).toBe(200);
    await next.arrayBuffer();
    while (server.services.engine.stats().busy > 0 || server.services.engine.stats().queued > 0) await new Promise((r) => setTimeout(r, 20));
  });

  it("drops a disconnected client's queued calls and keeps serving", async () => {
    const chunks = await plannedChunks(server.services.frontEnd, longText);
    const before = server.services.engine.stats();
    const { res, req } = await openStream({ input: longText, response_format: "mp3" });
    req.destroy();
    res.destroy();
    // Wait until the scheduler is idle again.
    while (server.services.engine.stats().busy > 0 || server.services.engine.stats().queued > 0) await new Promise((r) => setTimeout(r, 20));
    const after = server.services.engine.stats();
    expect(after.started - before.started).toBeLessThan(chunks.length);
    expect(after.started - before.started + (after.dropped - before.dropped)).toBeLessThanOrEqual(4);
    const next = await postSpeech(server.url, { input: "Still serving.", response_format: "pcm" });
    expect(next.status).toBe(200);
    expect((await next.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });
});
