import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_MODEL_HEAVY } from "../helpers/paths.js";
import { postSpeech, startTestServer, type TestServer } from "../helpers/test-server.js";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ model: FIXTURE_MODEL_HEAVY, intraOpThreads: 2 });
});
afterAll(async () => {
  await server?.close();
});

describe("inference runs off the main thread", () => {
  it("/health answers while a heavy-fixture inference is running", async () => {
    let speechDone = false;
    const speech = postSpeech(server.url, {
      input: "This sentence is long enough that the heavy fixture takes a few seconds to speak it, which leaves room to poll.",
      response_format: "pcm",
    }).then(async (res) => {
      await res.arrayBuffer();
      speechDone = true;
      return res.status;
    });

    // Poll /health until the speech request completes; every poll that lands during inference proves the loop is free.
    let answeredDuringInference = 0;
    while (!speechDone) {
      const res = await fetch(`${server.url}/health`);
      expect(res.status).toBe(200);
      await res.json();
      if (!speechDone) answeredDuringInference++;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await speech).toBe(200);
    expect(answeredDuringInference).toBeGreaterThanOrEqual(5);
  });
});
