import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/test-server.js";
import { startTestDaemon, type TestDaemon } from "./daemon-harness.js";

// Raycast (and any client of POST /play) passes the kokoro server's API key; the daemon must forward it.
let server: TestServer;
let t: TestDaemon;
beforeAll(async () => {
  server = await startTestServer({ apiKeys: "daemon-test-key" });
  t = await startTestDaemon({ server: server.url });
});
afterAll(async () => {
  await t.close();
  await server.close();
});

describe("daemon and an API-keyed server", () => {
  it("forwards a /play apiKey as Bearer and plays the audio", async () => {
    const c = await t.connect();
    const res = await t.http("POST", "/play", { text: "With a key.", apiKey: "daemon-test-key" });
    expect(res.status).toBe(202);
    const { id } = res.body as { id: string };
    const done = await c.waitFor("completed", id);
    expect(done).toMatchObject({ reason: "ended" });
    expect((done as { seconds: number }).seconds).toBeGreaterThan(0.3);
  });

  it("without the key, the server's 401 becomes an error event", async () => {
    const c = await t.connect();
    const res = await t.http("POST", "/play", { text: "Without a key." });
    const { id } = res.body as { id: string };
    expect((await c.waitFor("error", id)).message).toMatch(/API key/i);
    expect(await c.waitFor("completed", id)).toMatchObject({ reason: "error" });
  });
});
