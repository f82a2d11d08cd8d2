import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

const START_TIMEOUT_MS = 400;
const IDLE_TIMEOUT_MS = 800;
const MAX_AHEAD_S = 3;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ wsStartTimeoutMs: START_TIMEOUT_MS, wsIdleTimeoutMs: IDLE_TIMEOUT_MS, maxAheadSeconds: MAX_AHEAD_S, audioCacheMB: 0 });
});
afterAll(async () => {
  await server?.close();
});

interface Client {
  readonly ws: WebSocket;
  readonly events: Array<Record<string, unknown>>;
  /** Seconds of audio announced by `words` events so far, and when each arrived. */
  readonly audio: Array<{ at: number; seconds: number }>;
  readonly closed: Promise<{ code: number; reason: string; at: number }>;
}

async function connect(): Promise<Client> {
  const ws = new WebSocket(`${server.url.replace("http", "ws")}/v1/audio/speech/ws`);
  const events: Array<Record<string, unknown>> = [];
  const audio: Array<{ at: number; seconds: number }> = [];
  ws.on("message", (data: Buffer, binary: boolean) => {
    if (binary) {
      audio.push({ at: performance.now(), seconds: data.length / 2 / 24_000 });
      return;
    }
    events.push(JSON.parse(data.toString()) as Record<string, unknown>);
  });
  const closed = new Promise<{ code: number; reason: string; at: number }>((resolve) =>
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString(), at: performance.now() })),
  );
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  return { ws, events, audio, closed };
}

const send = (ws: WebSocket, msg: unknown): void => ws.send(JSON.stringify(msg));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe("WebSocket sessions are bounded", () => {
  it("closes a session that sends no start in time, with an error event", async () => {
    const opened = performance.now();
    const client = await connect();
    const closed = await client.closed;
    expect(closed.code).toBe(1008);
    expect(closed.at - opened).toBeGreaterThanOrEqual(START_TIMEOUT_MS - 50);
    expect(client.events.some((e) => e.type === "error" && String(e.message).includes("no start"))).toBe(true);
  });

  it("closes an idle session, but not one that keeps talking", async () => {
    const idle = await connect();
    send(idle.ws, { type: "start", response_format: "pcm" });
    const busy = await connect();
    send(busy.ws, { type: "start", response_format: "pcm" });
    // The busy client sends something every half of the idle time, for three idle times.
    for (let i = 0; i < 6; i++) {
      await sleep(IDLE_TIMEOUT_MS / 2);
      send(busy.ws, { type: "text", text: "Still here " });
    }
    const closed = await idle.closed;
    expect(closed.code).toBe(1008);
    expect(idle.events.some((e) => e.type === "error" && String(e.message).includes("idle"))).toBe(true);
    expect(busy.ws.readyState).toBe(WebSocket.OPEN);
    send(busy.ws, { type: "end" });
    expect((await busy.closed).code).toBe(1000);
  });

  it("applies the look-ahead bound to the whole session, not to each sentence", async () => {
    const client = await connect();
    send(client.ws, { type: "start", response_format: "pcm" });
    const started = performance.now();
    // Many complete sentences at once: without a session-wide bound all of them are synthesized at once.
    for (let i = 0; i < 120; i++) send(client.ws, { type: "text", text: `This is sentence number ${i + 1} of a long script. ` });
    send(client.ws, { type: "flush" });
    await sleep(2500);
    const elapsedS = (performance.now() - started) / 1000;
    const audioS = client.audio.reduce((n, a) => n + a.seconds, 0);
    const longestCallS = Math.max(...client.audio.map((a) => a.seconds));
    // A real-time listener who started at the first audio has heard at most elapsedS; the server may be
    // MAX_AHEAD_S ahead of that, plus the calls in flight when the bound was checked.
    expect(audioS).toBeGreaterThan(0);
    expect(audioS).toBeLessThanOrEqual(elapsedS + MAX_AHEAD_S + 2 * longestCallS);
    client.ws.close();
    await client.closed;
  });

  it("closes with a reason cut to 123 bytes on a UTF-8 boundary when an error quotes a long non-ASCII field", async () => {
    const client = await connect();
    send(client.ws, { type: "start", voice: "ü".repeat(200) });
    const closed = await client.closed;
    expect(closed.code).toBe(1008);
    expect(Buffer.byteLength(closed.reason, "utf8")).toBeLessThanOrEqual(123);
    expect(closed.reason).not.toContain("\uFFFD");
    expect(closed.reason).toMatch(/^unknown voice/);
    expect(client.events.find((e) => e.type === "error")?.message).toContain("ü".repeat(50));
  });
});
