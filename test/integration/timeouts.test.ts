import { mkdtempSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { loadConfig } from "../../src/config/load.js";
import { createSpeechServer } from "../../src/server/speech-server.js";
import { createLogger } from "../../src/telemetry/logger.js";
import { FIXTURE_MODEL, MISAKI_DIR, VOICES_DIR } from "../helpers/paths.js";
import { parseWav, postSpeech, startTestServer, type TestServer } from "../helpers/test-server.js";

// Small timeouts, so that a stalled client is seen off within a test's patience.
const HEADERS_MS = 300;
const REQUEST_MS = 600;
const KEEP_ALIVE_MS = 400;
const IDLE_MS = 300;

interface Listening {
  readonly port: number;
  close(): Promise<void>;
}

/** A server from config flags, listening but not started (no model): the HTTP layer is all these tests need. */
async function listening(flags: Record<string, unknown>): Promise<Listening> {
  const { config } = loadConfig({
    env: { XDG_CONFIG_HOME: mkdtempSync(path.join(os.tmpdir(), "kokoro-timeouts-cfg-")) },
    flags: { model: FIXTURE_MODEL, voices: VOICES_DIR, lexicons: MISAKI_DIR, logLevel: "silent", autoDownload: false, ...flags },
  });
  const { app, runtime } = createSpeechServer(config, createLogger("silent"));
  await app.listen({ host: "127.0.0.1", port: 0 });
  return {
    port: (app.server.address() as net.AddressInfo).port,
    close: async () => {
      await app.close();
      await runtime.close();
    },
  };
}

interface Ended {
  /** Milliseconds from connecting until the server closed the connection. */
  readonly afterMs: number;
  readonly answer: string;
}

/** Sends `bytes` and then nothing more, never ending its side; resolves when the server closes the connection. */
function stall(port: number, bytes: string, giveUpMs = 5_000): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let answer = "";
    const socket = net.connect({ host: "127.0.0.1", port }, () => socket.write(bytes));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`still open after ${giveUpMs} ms; got ${JSON.stringify(answer.slice(0, 200))}`));
    }, giveUpMs);
    socket.on("data", (d: Buffer) => (answer += d.toString("latin1")));
    socket.on("error", () => undefined); // a reset also ends it; what arrived is checked
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ afterMs: Date.now() - started, answer });
    });
  });
}

const HALF_HEADERS = "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
const PARTIAL_BODY = 'POST /dev/normalize HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"input":"';

let quick: Listening; // small header, request and keep-alive timeouts
let idle: Listening; // a small idle timeout, the others long
beforeAll(async () => {
  [quick, idle] = await Promise.all([
    listening({ headersTimeoutMs: HEADERS_MS, requestTimeoutMs: REQUEST_MS, keepAliveTimeoutMs: KEEP_ALIVE_MS }),
    listening({ idleTimeoutMs: IDLE_MS, headersTimeoutMs: 20_000, requestTimeoutMs: 30_000 }),
  ]);
});
afterAll(async () => {
  await Promise.all([quick?.close(), idle?.close()]);
});

describe("HTTP timeouts", () => {
  it("answers 408 and closes a connection whose headers stall, after headersTimeoutMs", async () => {
    const ended = await stall(quick.port, HALF_HEADERS);
    expect(ended.answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(ended.afterMs).toBeGreaterThanOrEqual(HEADERS_MS * 0.8);
    expect(ended.afterMs).toBeLessThan(HEADERS_MS + 2_000);
  });

  it("answers 408 and closes a connection whose body stalls, after requestTimeoutMs", async () => {
    const ended = await stall(quick.port, PARTIAL_BODY);
    expect(ended.answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(ended.afterMs).toBeGreaterThanOrEqual(REQUEST_MS * 0.8);
    expect(ended.afterMs).toBeLessThan(REQUEST_MS + 2_000);
  });

  it("closes an idle keep-alive connection after keepAliveTimeoutMs", async () => {
    const ended = await stall(quick.port, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    expect(ended.answer).toMatch(/^HTTP\/1\.1 503 /); // answered (not started, so "loading"), then kept alive a while
    expect(ended.afterMs).toBeGreaterThanOrEqual(KEEP_ALIVE_MS * 0.8);
    expect(ended.afterMs).toBeLessThan(KEEP_ALIVE_MS + 2_000);
  });

  it("closes a connection with no traffic for idleTimeoutMs, even while its request timeout runs", async () => {
    const ended = await stall(idle.port, PARTIAL_BODY);
    expect(ended.afterMs).toBeGreaterThanOrEqual(IDLE_MS * 0.8);
    expect(ended.afterMs).toBeLessThan(IDLE_MS + 2_000);
  });
});

describe("what the timeouts leave alone", () => {
  let server: TestServer;
  // maxAheadSeconds paces synthesis to real time, so a stream lasts about as long as its audio.
  beforeAll(async () => {
    server = await startTestServer({ headersTimeoutMs: HEADERS_MS, requestTimeoutMs: REQUEST_MS, maxAheadSeconds: 0.2, audioCacheMB: 0 });
  });
  afterAll(() => server?.close());

  // Enough for a third model call (48, 96, then 192 ids at 40 ids a second), which may start ~3 s into the stream.
  const TEXT = Array.from({ length: 6 }, (_, i) => `Sentence number ${i + 1} is read out here, slowly.`).join(" ");

  it("a streamed response may take many times requestTimeoutMs: it arrives whole", async () => {
    const whole = await postSpeech(server.url, { input: TEXT, voice: "af_heart", response_format: "wav", stream: false });
    const expected = parseWav(Buffer.from(await whole.arrayBuffer())).samples.length;
    const started = Date.now();
    const res = await postSpeech(server.url, { input: TEXT, voice: "af_heart", response_format: "wav", stream: true });
    expect(res.status).toBe(200);
    const wav = parseWav(Buffer.from(await res.arrayBuffer()));
    const tookMs = Date.now() - started;
    expect(wav.streamed).toBe(true);
    expect(wav.samples.length).toBe(expected);
    expect(tookMs, `${wav.samples.length / 24_000} s of audio`).toBeGreaterThan(3 * REQUEST_MS);
  }, 30_000);

  it("a WebSocket session may stay open, idle, past both timeouts, then speak", async () => {
    const ws = new WebSocket(`${server.url.replace("http", "ws")}/v1/audio/speech/ws`);
    await new Promise((resolve, reject) => {
      ws.once("open", resolve);
      ws.once("error", reject);
    });
    await new Promise((r) => setTimeout(r, REQUEST_MS + 1_000));
    const events: string[] = [];
    const done = new Promise<void>((resolve, reject) => {
      ws.on("message", (data: Buffer, binary: boolean) => {
        if (binary) return;
        const type = (JSON.parse(data.toString()) as { type: string }).type;
        events.push(type);
        if (type === "done") resolve();
        if (type === "error") reject(new Error(data.toString()));
      });
      ws.once("close", (code) => reject(new Error(`closed ${code} after ${events.join(",")}`)));
    });
    ws.send(JSON.stringify({ type: "start", voice: "af_heart", response_format: "pcm" }));
    ws.send(JSON.stringify({ type: "text", text: "Still here after a pause." }));
    ws.send(JSON.stringify({ type: "end" }));
    await done;
    expect(events).toContain("audio");
    ws.close();
  }, 30_000);
});
