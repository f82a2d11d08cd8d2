import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { parsePrometheusText, sampleSum } from "../helpers/prometheus-text.js";
import { postSpeech, startTestServer, type TestServer } from "../helpers/test-server.js";

const LIMIT = 2;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ maxActiveRequests: LIMIT, audioCacheMB: 0, maxInputChars: 200_000 });
});
afterAll(async () => {
  await server?.close();
});

/**
 * A text whose front-end takes a while (the limit is raised for it), with words no lexicon knows in every
 * sentence, so it waits on the espeak fallback again and again: a client can leave during it.
 */
const SLOW_FRONT_END = Array.from({ length: 1500 }, (_, i) => `The zorb${i.toString(36)}ax frumbled ${i} glimmerwicks today. `).join("");
const LONG_TEXT = "This is one sentence of a long text. ".repeat(60);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Requests holding a slot, and those being synthesized, as /metrics reports them. */
async function inProgress(): Promise<{ slots: number; streams: number }> {
  const metrics = parsePrometheusText(await (await fetch(`${server.url}/metrics`)).text());
  return { slots: sampleSum(metrics, "kokoro_active_requests"), streams: sampleSum(metrics, "kokoro_active_streams") };
}

/** Starts a request and aborts it at a stage: right away, during its front-end, or after its first audio. */
async function abortAt(stage: "sent" | "front-end" | "mid-stream", input: string): Promise<void> {
  const controller = new AbortController();
  const response = postSpeech(server.url, { input, response_format: "pcm" }, controller.signal);
  if (stage === "sent") await sleep(1);
  if (stage === "front-end") await sleep(150);
  if (stage === "mid-stream") {
    const res = await response;
    expect(res.status).toBe(200);
    await res.body!.getReader().read();
  }
  controller.abort();
  await response.then(
    (res) => res.body?.cancel().catch(() => undefined),
    () => undefined,
  );
}

/** LIMIT requests at once, each must be served (not 429). */
async function limitServed(): Promise<number[]> {
  return Promise.all(
    Array.from({ length: LIMIT }, async () => {
      const res = await postSpeech(server.url, { input: "Still served.", response_format: "pcm", stream: false });
      await res.arrayBuffer();
      return res.status;
    }),
  );
}

/** Waits (up to 10 s) until no request holds a slot or a stream: the server sees a client leave a moment after it has gone. */
async function untilIdle(): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const now = await inProgress();
    if (now.slots === 0 && now.streams === 0) return;
    await sleep(25);
  }
}

describe("request slots never leak", () => {
  it.each(["sent", "front-end", "mid-stream"] as const)("clients that leave (%s) give their slots back", async (stage) => {
    const input = stage === "mid-stream" ? LONG_TEXT : SLOW_FRONT_END;
    for (let round = 0; round < 3; round++) {
      await Promise.all(Array.from({ length: LIMIT }, () => abortAt(stage, input)));
      await untilIdle();
    }
    expect(await inProgress()).toEqual({ slots: 0, streams: 0 });
    expect(await limitServed()).toEqual(Array(LIMIT).fill(200));
  });

  it("WebSocket sessions count against the same limit, and give their slots back when they close", async () => {
    const open = async (): Promise<WebSocket> => {
      const ws = new WebSocket(`${server.url.replace("http", "ws")}/v1/audio/speech/ws`);
      await new Promise((resolve, reject) => {
        ws.once("open", resolve);
        ws.once("error", reject);
      });
      ws.send(JSON.stringify({ type: "start", response_format: "pcm" }));
      await new Promise<void>((resolve) => ws.on("message", (data, binary) => !binary && String(data).includes('"started"') && resolve()));
      return ws;
    };
    const sessions = await Promise.all(Array.from({ length: LIMIT }, open));
    const refused = await postSpeech(server.url, { input: "One too many.", response_format: "pcm" });
    expect(refused.status).toBe(429);
    await refused.arrayBuffer();
    // A third session is refused too, with an error event and a "try again later" close.
    const third = new WebSocket(`${server.url.replace("http", "ws")}/v1/audio/speech/ws`);
    const code = await new Promise<number>((resolve) => third.on("close", (c) => resolve(c)));
    expect(code).toBe(1013);

    await Promise.all(sessions.map((ws) => new Promise((resolve) => (ws.once("close", resolve), ws.close()))));
    await untilIdle();
    expect(await limitServed()).toEqual(Array(LIMIT).fill(200));
  });
});
