import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postSpeech, startTestServer, type TestServer } from "../helpers/test-server.js";

// Larger than the default limit, so that a request's front-end work is long enough to measure against.
const MAX_CHARS = 80_000;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ maxInputChars: MAX_CHARS });
});
afterAll(async () => {
  await server?.close();
});

/** Hostile shapes of about `n` characters: what once made the G2P or the normalizer super-linear. */
const HOSTILE: Record<string, (n: number) => string> = {
  hyphenated: (n) => "a-".repeat(n / 2),
  camelCase: (n) => "Ab".repeat(n / 2),
  digitDash: (n) => Array.from({ length: n / 4 }, (_, i) => String(i % 1000)).join("-").slice(0, n),
  unknownWords: (n) => Array.from({ length: n / 8 }, (_, i) => `zq${(i * 7919).toString(36)}x`).join(" ").slice(0, n),
};

/** The longest the event loop stalled while `work` ran, and how long the work took (ms). */
async function measure(work: () => Promise<void>): Promise<{ stallMs: number; totalMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const started = performance.now();
  await work();
  const totalMs = performance.now() - started;
  delay.disable();
  return { stallMs: delay.max / 1e6, totalMs };
}

async function phonemize(input: string): Promise<void> {
  const res = await fetch(`${server.url}/dev/phonemize`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ input }) });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { phonemes: string }).phonemes.length).toBeGreaterThan(0);
}

describe("the front-end never holds the HTTP thread", () => {
  it.each(Object.entries(HOSTILE))("%s text: the event loop stays free while the front-end works, and the work is linear", async (_, make) => {
    await phonemize(make(2000)); // warm
    const n = await measure(() => phonemize(make(MAX_CHARS / 2)));
    const twice = await measure(() => phonemize(make(MAX_CHARS)));
    // The thread serving HTTP stalls for a small part of the work at most (the work happens in the worker).
    // Were the front-end on this thread, the stall would be the whole of it.
    expect(twice.stallMs).toBeLessThan(0.25 * twice.totalMs + 15);
    // No step is super-linear: twice the text takes at most about twice the time (3x for noise).
    expect(twice.totalMs).toBeLessThanOrEqual(3 * Math.max(n.totalMs, 20));
  });

  it("/health answers while a long hostile speech request is in its front-end", async () => {
    let done = false;
    const speech = postSpeech(server.url, { input: HOSTILE.hyphenated!(MAX_CHARS), response_format: "pcm", stream: true }).then(async (res) => {
      done = true;
      expect(res.status).toBe(200);
      await res.body?.cancel();
    });
    let answered = 0;
    while (!done) {
      const res = await fetch(`${server.url}/health`);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      if (!done) answered++;
    }
    await speech;
    expect(answered).toBeGreaterThanOrEqual(3);
  });
});
