import { mkdtempSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { loadConfig } from "../../src/config/load.js";
import { createSpeechServer } from "../../src/server/speech-server.js";
import { createLogger } from "../../src/telemetry/logger.js";
import { FIXTURE_MODEL, MISAKI_DIR, VOICES_DIR } from "../helpers/paths.js";
import { parseWav, startTestServer, type TestServer } from "../helpers/test-server.js";

interface ErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

const KEY = "key-alpha-0123456789";
const FILE_KEY = "key-from-file-abcdef";
const ALLOWED = "http://allowed.example";

function keysFile(text: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "kokoro-keys-")), "keys.txt");
  writeFileSync(file, text);
  return file;
}

/** A server app from config flags, not listening and not started (no model load): for start-up checks. */
function appFor(flags: Record<string, unknown>) {
  const { config } = loadConfig({
    env: { XDG_CONFIG_HOME: mkdtempSync(path.join(os.tmpdir(), "kokoro-sec-cfg-")) },
    flags: { model: FIXTURE_MODEL, voices: VOICES_DIR, lexicons: MISAKI_DIR, logLevel: "silent", autoDownload: false, ...flags },
  });
  return createSpeechServer(config, createLogger("silent"));
}

const speechBody = JSON.stringify({ model: "tts-1", input: "Hi.", voice: "af_heart", response_format: "wav" });

let secured: TestServer; // keys (list + file) and CORS for one origin
let limited: TestServer; // two keys, 3 requests a minute
let plain: TestServer; // the defaults: no keys, no CORS, no limit; small body and input limits

beforeAll(async () => {
  [secured, limited, plain] = await Promise.all([
    startTestServer({ apiKeys: [KEY], apiKeysFile: keysFile(`# keys for the test\n\n  ${FILE_KEY}  \n`), corsOrigins: [`${ALLOWED}/`] }),
    startTestServer({ apiKeys: "rl-key-a,rl-key-b", rateLimitPerMinute: 3 }),
    startTestServer({ bodyLimitBytes: 2048, maxInputChars: 50 }),
  ]);
});
afterAll(async () => {
  // Closing also proves that no socket was left open (a refused WebSocket upgrade used to keep one).
  await Promise.all([secured?.close(), limited?.close(), plain?.close()]);
}, 20_000);

const post = (base: string, url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${url}`, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body });

interface RawAnswer {
  readonly status: number;
  readonly body: string;
}

/** One request with exactly these headers (fetch will not send a Host of our choosing). */
function rawRequest(base: string, method: string, url: string, headers: Record<string, string>, body?: string): Promise<RawAnswer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path: url, headers: { connection: "close", ...headers }, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** The status a WebSocket upgrade gets (101 when it opened), and the body of a refusal. */
function upgradeStatus(base: string, options: WebSocket.ClientOptions = {}): Promise<RawAnswer> {
  const ws = new WebSocket(`${base.replace("http", "ws")}/v1/audio/speech/ws`, options);
  return new Promise<RawAnswer>((resolve, reject) => {
    ws.once("unexpected-response", (_req, res) => {
      let text = "";
      res.on("data", (d: Buffer) => (text += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    ws.once("open", () => resolve({ status: 101, body: "" }));
    ws.once("error", reject);
  }).finally(() => ws.terminate());
}

/** A server from config flags, listening on `bind` but not started (no model): for the checks before any route. */
async function listening(flags: Record<string, unknown>, bind = "127.0.0.1"): Promise<{ url: string; close(): Promise<void> }> {
  const { app, runtime } = appFor({ host: bind, ...flags });
  await app.listen({ host: bind, port: 0 });
  const { port } = app.server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await runtime.close();
    },
  };
}

const errorOf = (answer: RawAnswer): ErrorBody["error"] => (JSON.parse(answer.body) as ErrorBody).error;

describe("API keys", () => {
  it("answers 401 in OpenAI's shape with WWW-Authenticate on every API route without a valid key", async () => {
    const cases: [string, string, Record<string, string>][] = [
      ["POST", "/v1/audio/speech", {}],
      ["POST", "/v1/audio/speech", { Authorization: "Bearer wrong-key" }],
      ["POST", "/v1/audio/speech", { Authorization: `Basic ${Buffer.from(`user:${KEY}`).toString("base64")}` }],
      ["POST", "/v1/audio/speech", { Authorization: `Bearer ${KEY}x` }],
      ["GET", "/v1/models", {}],
      ["GET", "/v1/audio/voices", {}],
      ["GET", "/%761/audio/voices", {}],
      ["POST", "/dev/normalize", {}],
      ["GET", "/metrics", {}],
      ["GET", "/status", {}],
      ["GET", "/admin/anything", {}],
      ["GET", "/v1/no-such-route", {}],
    ];
    for (const [method, url, headers] of cases) {
      const res = await fetch(`${secured.url}${url}`, {
        method,
        headers: { "Content-Type": "application/json", ...headers },
        body: method === "POST" ? speechBody : undefined,
      });
      expect(res.status, `${method} ${url} ${JSON.stringify(headers)}`).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer /);
      const body = (await res.json()) as ErrorBody;
      expect(body.error).toMatchObject({ type: "invalid_request_error", code: "invalid_api_key", param: null });
      expect(JSON.stringify(body)).not.toContain(KEY);
    }
  });

  it("serves a key from the list and one from the keys file", async () => {
    for (const key of [KEY, FILE_KEY]) {
      const res = await post(secured.url, "/v1/audio/speech", speechBody, { Authorization: `Bearer ${key}` });
      expect(res.status).toBe(200);
      expect(parseWav(Buffer.from(await res.arrayBuffer())).samples.length).toBeGreaterThan(0);
      const voices = await fetch(`${secured.url}/v1/audio/voices`, { headers: { Authorization: `Bearer ${key}` } });
      expect(voices.status).toBe(200);
    }
  });

  it("keeps /health and the playground's static paths open", async () => {
    const health = await fetch(`${secured.url}/health`);
    expect(health.status).toBe(200);
    for (const url of ["/", "/index.html", "/some/asset.js"]) {
      expect((await fetch(`${secured.url}${url}`)).status, url).not.toBe(401);
    }
  });

  it("works with the openai package's apiKey, and a wrong key is its AuthenticationError", async () => {
    const good = new OpenAI({ baseURL: `${secured.url}/v1`, apiKey: FILE_KEY, maxRetries: 0 });
    const res = await good.audio.speech.create({ model: "tts-1", voice: "alloy", input: "Hello.", response_format: "wav" });
    expect(parseWav(Buffer.from(await res.arrayBuffer())).samples.length).toBeGreaterThan(0);
    const bad = new OpenAI({ baseURL: `${secured.url}/v1`, apiKey: "sk-not-ours", maxRetries: 0 });
    const err = await bad.audio.speech.create({ model: "tts-1", voice: "alloy", input: "Hello." }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(401);
  });

  describe("the WebSocket", () => {
    const wsUrl = (query = ""): string => `${secured.url.replace("http", "ws")}/v1/audio/speech/ws${query}`;

    /** Opens a socket and starts a session: the key was accepted when `started` comes back. */
    async function startSession(ws: WebSocket): Promise<string> {
      await new Promise((resolve, reject) => {
        ws.once("open", resolve);
        ws.once("error", reject);
      });
      const started = new Promise<string>((resolve) => ws.once("message", (data: Buffer) => resolve((JSON.parse(data.toString()) as { type: string }).type)));
      ws.send(JSON.stringify({ type: "start", voice: "af_heart", response_format: "pcm" }));
      const type = await started;
      ws.close();
      return type;
    }

    it("refuses an upgrade without a key with 401", async () => {
      for (const ws of [new WebSocket(wsUrl()), new WebSocket(wsUrl("?api_key=wrong")), new WebSocket(wsUrl(), ["bearer", "wrong"])]) {
        const status = await new Promise<number>((resolve) => {
          ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
          ws.once("open", () => resolve(101));
          ws.once("error", () => resolve(-1));
        });
        expect(status).toBe(401);
        ws.terminate();
      }
    });

    it("accepts the key as Authorization, as ?api_key= and as the subprotocols `bearer, <key>`", async () => {
      expect(await startSession(new WebSocket(wsUrl(), { headers: { Authorization: `Bearer ${KEY}` } }))).toBe("started");
      expect(await startSession(new WebSocket(wsUrl(`?api_key=${encodeURIComponent(FILE_KEY)}`)))).toBe("started");
      const viaProtocol = new WebSocket(wsUrl(), ["bearer", KEY]);
      expect(await startSession(viaProtocol)).toBe("started");
      expect(viaProtocol.protocol).toBe("bearer"); // the server echoes `bearer`, never the key
    });
  });

  it("refuses to start with a missing or empty keys file, with a clear message", () => {
    expect(() => appFor({ apiKeysFile: "/nonexistent/kokoro/keys.txt" })).toThrow(/API keys file not found: \/nonexistent\/kokoro\/keys\.txt/);
    expect(() => appFor({ apiKeysFile: keysFile("# no keys yet\n") })).toThrow(/API keys file has no keys/);
  });
});

describe("rate limits", () => {
  it("allows rateLimitPerMinute requests per key, then 429 with Retry-After in OpenAI's shape; /health is exempt", async () => {
    const voices = (key: string) => fetch(`${limited.url}/v1/audio/voices`, { headers: { Authorization: `Bearer ${key}` } });
    for (let i = 0; i < 3; i++) {
      const res = await voices("rl-key-a");
      expect(res.status).toBe(200);
      expect(res.headers.get("x-ratelimit-remaining")).toBe(String(2 - i));
    }
    const res = await voices("rl-key-a");
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    const body = (await res.json()) as ErrorBody;
    expect(body.error).toMatchObject({ type: "requests", code: "rate_limit_exceeded", param: null });
    expect(body.error.message).toMatch(/3 requests a minute/);

    // Another key has its own budget; /health is never limited.
    expect((await voices("rl-key-b")).status).toBe(200);
    for (let i = 0; i < 6; i++) expect((await fetch(`${limited.url}/health`)).status).toBe(200);

    // The openai package sees a RateLimitError.
    const client = new OpenAI({ baseURL: `${limited.url}/v1`, apiKey: "rl-key-a", maxRetries: 0 });
    const err = await client.models.list().then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
  });

  it("counts requests without a valid key per client IP, so keys cannot be guessed at speed", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await fetch(`${limited.url}/v1/models`, { headers: { Authorization: `Bearer guess-${i}` } })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});

describe("request limits", () => {
  it("refuses a body over bodyLimitBytes with 413 and input over maxInputChars with 400, before synthesis", async () => {
    const before = plain.services.engine.callCount;
    const big = await post(plain.url, "/v1/audio/speech", JSON.stringify({ input: "a ".repeat(2000) }));
    expect(big.status).toBe(413);
    expect(((await big.json()) as ErrorBody).error).toMatchObject({ code: "body_too_large", type: "invalid_request_error" });
    const long = await post(plain.url, "/v1/audio/speech", JSON.stringify({ input: "word ".repeat(20) }));
    expect(long.status).toBe(400);
    expect(((await long.json()) as ErrorBody).error).toMatchObject({ code: "input_too_long", param: "input" });
    const dev = await post(plain.url, "/dev/normalize", JSON.stringify({ input: "x".repeat(51) }));
    expect(dev.status).toBe(400);
    expect(plain.services.engine.callCount).toBe(before);
  });

  it("closes a WebSocket whose message is over bodyLimitBytes (1009)", async () => {
    const ws = new WebSocket(`${plain.url.replace("http", "ws")}/v1/audio/speech/ws`);
    await new Promise((resolve, reject) => {
      ws.once("open", resolve);
      ws.once("error", reject);
    });
    const closed = new Promise<number>((resolve) => ws.once("close", resolve));
    ws.send(JSON.stringify({ type: "text", text: "a".repeat(4096) }));
    expect(await closed).toBe(1009);
  });

  it("without keys the API is open", async () => {
    expect((await fetch(`${plain.url}/v1/models`)).status).toBe(200);
  });
});

describe("CORS", () => {
  const preflight = (base: string, origin: string) =>
    fetch(`${base}/v1/audio/speech`, {
      method: "OPTIONS",
      headers: { Origin: origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type" },
    });

  it("is off by default: no CORS headers, no preflight answer", async () => {
    const res = await fetch(`${plain.url}/v1/models`, { headers: { Origin: ALLOWED } });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    const pre = await preflight(plain.url, ALLOWED);
    expect(pre.headers.get("access-control-allow-origin")).toBeNull();
    expect(pre.status).toBe(404);
  });

  it("allows the configured origin (preflight without a key), with Authorization and the audio headers exposed", async () => {
    const pre = await preflight(secured.url, ALLOWED);
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(pre.headers.get("access-control-allow-headers")?.toLowerCase()).toMatch(/authorization/);
    expect(pre.headers.get("access-control-allow-headers")?.toLowerCase()).toMatch(/content-type/);
    expect(pre.headers.get("access-control-allow-methods")).toMatch(/POST/);

    const res = await post(secured.url, "/v1/audio/speech", speechBody, { Origin: ALLOWED, Authorization: `Bearer ${KEY}` });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    const exposed = res.headers.get("access-control-expose-headers") ?? "";
    for (const h of ["X-Request-Id", "X-Audio-Duration", "X-Generation-Time", "X-RTF"]) expect(exposed).toContain(h);
    await res.arrayBuffer();

    // A 401 carries the CORS headers too, so the page can read why.
    const denied = await post(secured.url, "/v1/audio/speech", speechBody, { Origin: ALLOWED });
    expect(denied.status).toBe(401);
    expect(denied.headers.get("access-control-allow-origin")).toBe(ALLOWED);
  });

  it("lets a page read the speech and voice-file headers it needs (X-Kokoro-Ignored-Tags, X-Voice-Id, Content-Disposition)", async () => {
    const auth = { Origin: ALLOWED, Authorization: `Bearer ${KEY}` };
    const ssml = JSON.stringify({ input: "<speak>Hi <mark name='a'/>there.</speak>", voice: "af_heart", response_format: "wav", stream: false });
    const res = await post(secured.url, "/v1/audio/speech", ssml, auth);
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    expect(res.headers.get("x-kokoro-ignored-tags")).toBe("mark");
    const exposed = (res.headers.get("access-control-expose-headers") ?? "").split(/,\s*/u);
    expect(exposed).toContain("X-Kokoro-Ignored-Tags");

    const file = await fetch(`${secured.url}/v1/audio/voices/${encodeURIComponent("af_heart(2)+af_sky")}`, { headers: auth });
    expect(file.status).toBe(200);
    await file.arrayBuffer();
    expect(file.headers.get("x-voice-id")).toMatch(/^af_heart\(0\.667\)\+af_sky\(0\.333\)$/u);
    const fileExposed = (file.headers.get("access-control-expose-headers") ?? "").split(/,\s*/u);
    expect(fileExposed).toEqual(expect.arrayContaining(["X-Voice-Id", "Content-Disposition"]));
  });

  it("gives other origins no CORS headers", async () => {
    const pre = await preflight(secured.url, "http://evil.example");
    expect(pre.headers.get("access-control-allow-origin")).toBeNull();
    const res = await fetch(`${secured.url}/health`, { headers: { Origin: "http://evil.example" } });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it('allows any origin with "*"', async () => {
    const { app, runtime } = appFor({ corsOrigins: "*" });
    try {
      const res = await app.inject({
        method: "OPTIONS",
        url: "/v1/audio/speech",
        headers: { origin: "http://anywhere.example", "access-control-request-method": "POST" },
      });
      expect(res.statusCode).toBe(204);
      expect(res.headers["access-control-allow-origin"]).toBe("*");
    } finally {
      await app.close();
      await runtime.close();
    }
  });
});

describe("error bodies", () => {
  it("/health does not show the file path of a failed start-up", async () => {
    const { app, runtime } = appFor({ model: "/nonexistent/secret-dir/kokoro.onnx" });
    try {
      await expect(runtime.start()).rejects.toThrow(/secret-dir/); // the full message is for the log
      const res = await app.inject({ method: "GET", url: "/health" });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: "failed", error: expect.stringMatching(/model file not found/) });
      expect(res.body).not.toMatch(/secret-dir|nonexistent/);
    } finally {
      await app.close();
    }
  });

  it("answers an undecodable URL in OpenAI's shape, and closes a refused WebSocket upgrade's connection", async () => {
    const bad = await fetch(`${plain.url}/%ZZ`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error).toMatchObject({ code: "invalid_url", type: "invalid_request_error" });

    // Raw, so nothing on the client side closes the socket: the server must.
    const { port } = new URL(plain.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect({ host: "127.0.0.1", port: Number(port) });
      let data = "";
      const timer = setTimeout(() => reject(new Error(`still open; got ${JSON.stringify(data)}`)), 5_000);
      socket.on("data", (d: Buffer) => (data += d.toString("latin1")));
      socket.on("close", () => {
        clearTimeout(timer);
        resolve(data);
      });
      socket.write("GET /v1/audio/speech/ws%ZZ HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
  });

  it("4xx bodies carry no stack or server path", async () => {
    const res = await post(plain.url, "/v1/audio/speech", '{"input": "hi", "__proto__": {"x": 1}}');
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toMatch(/\n\s+at |node_modules|\/work\/|\.ts:\d+/);
  });
});

describe("Origin checks without API keys", () => {
  const EVIL = "http://evil.example";

  it("refuses a WebSocket from a foreign Origin with 403; its own origin and clients without Origin connect", async () => {
    const refused = await upgradeStatus(plain.url, { origin: EVIL });
    expect(refused.status).toBe(403);
    expect(errorOf(refused)).toMatchObject({ type: "invalid_request_error", code: "origin_not_allowed", param: null });
    expect(errorOf(refused).message).toMatch(/corsOrigins \(KOKORO_CORS_ORIGINS\)/);
    expect((await upgradeStatus(plain.url, { origin: "null" })).status).toBe(403);
    expect((await upgradeStatus(plain.url, { origin: plain.url })).status).toBe(101); // the playground
    expect((await upgradeStatus(plain.url)).status).toBe(101);
  });

  it("refuses admin, speech and dev POSTs from a foreign Origin with 403 before they run; reads stay open", async () => {
    const calls = plain.services.engine.callCount;
    for (const url of ["/admin/provider-cache/reset", "/v1/audio/speech", "/dev/normalize"]) {
      const res = await post(plain.url, url, url === "/v1/audio/speech" ? speechBody : '{"input":"hi"}', { Origin: EVIL });
      expect(res.status, url).toBe(403);
      expect(((await res.json()) as ErrorBody).error).toMatchObject({ code: "origin_not_allowed", type: "invalid_request_error" });
    }
    expect(plain.services.engine.callCount).toBe(calls);
    expect((await fetch(`${plain.url}/v1/models`, { headers: { Origin: EVIL } })).status).toBe(200);
    const own = await post(plain.url, "/dev/normalize", '{"input":"hi"}', { Origin: plain.url });
    expect(own.status).toBe(200);
  });

  it("takes admin POSTs only as JSON: a bodiless POST (which any page can send) gets 415 and resets nothing", async () => {
    const bodiless: Record<string, string>[] = [{}, { "Content-Type": "text/plain" }, { "Content-Type": "application/x-www-form-urlencoded" }];
    for (const headers of bodiless) {
      const res = await rawRequest(plain.url, "POST", "/admin/provider-cache/reset", headers, "Content-Type" in headers ? "x=1" : undefined);
      expect(res.status, JSON.stringify(headers)).toBe(415);
      expect(errorOf(res)).toMatchObject({ code: "unsupported_media_type", type: "invalid_request_error" });
    }
    const ok = await post(plain.url, "/admin/provider-cache/reset", "{}");
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ cleared: expect.any(Number), benchmarking: expect.any(Boolean) });
  });

  it("lets the origins in corsOrigins POST and open the WebSocket; no others", async () => {
    const server = await listening({ corsOrigins: `${ALLOWED}/` });
    try {
      // This server is not started, so the route itself answers 503: the request got past the Origin check.
      const allowed = await post(server.url, "/dev/normalize", '{"input":"hi"}', { Origin: ALLOWED });
      expect(allowed.status).toBe(503);
      expect(((await allowed.json()) as ErrorBody).error.code).toBe("not_ready");
      expect(allowed.headers.get("access-control-allow-origin")).toBe(ALLOWED);
      expect((await upgradeStatus(server.url, { origin: ALLOWED })).status).toBe(101);
      expect((await post(server.url, "/dev/normalize", '{"input":"hi"}', { Origin: EVIL })).status).toBe(403);
      expect((await upgradeStatus(server.url, { origin: EVIL })).status).toBe(403);
    } finally {
      await server.close();
    }
  });

  it("with API keys leaves Origin alone: the key is what a page cannot have", async () => {
    const res = await post(secured.url, "/dev/normalize", '{"input":"hi"}', { Origin: EVIL, Authorization: `Bearer ${KEY}` });
    expect(res.status).toBe(200);
  });
});

describe("Host checks (DNS rebinding)", () => {
  const port = (base: string): string => new URL(base).port;

  it("on a loopback bind refuses a foreign Host with 403 naming allowedHosts, on HTTP and the WebSocket", async () => {
    const host = `rebound.example:${port(plain.url)}`;
    const res = await rawRequest(plain.url, "GET", "/v1/models", { host });
    expect(res.status).toBe(403);
    expect(errorOf(res)).toMatchObject({ code: "host_not_allowed", type: "invalid_request_error", param: null });
    expect(errorOf(res).message).toMatch(/rebound\.example.*allowedHosts \(KOKORO_ALLOWED_HOSTS\)/);
    // The page a rebinding attack serves is same-origin with its Host, so only the Host check stops it.
    const reset = await rawRequest(plain.url, "POST", "/admin/provider-cache/reset", { host, origin: `http://${host}`, "content-type": "application/json" }, "{}");
    expect(reset.status).toBe(403);
    expect(errorOf(reset).code).toBe("host_not_allowed");
    expect((await upgradeStatus(plain.url, { headers: { host } })).status).toBe(403);
    expect((await rawRequest(plain.url, "GET", "/", { host })).status).toBe(403);
  });

  it("answers loopback names, and /health to any Host (load balancers probe with their own)", async () => {
    const p = port(plain.url);
    for (const host of [`localhost:${p}`, `127.0.0.1:${p}`, `127.1.2.3:${p}`, `[::1]:${p}`, `app.localhost:${p}`, "LOCALHOST."]) {
      expect((await rawRequest(plain.url, "GET", "/v1/models", { host })).status, host).toBe(200);
    }
    expect((await rawRequest(plain.url, "GET", "/health", { host: "probe.example" })).status).toBe(200);
    expect((await rawRequest(plain.url, "POST", "/health", { host: "probe.example" })).status).toBe(403);
  });

  it("answers the names in allowedHosts (a leading dot: subdomains too), or any with *", async () => {
    const server = await listening({ allowedHosts: "kokoro.lan,.example.org" });
    const any = await listening({ allowedHosts: "*" });
    try {
      for (const [host, status] of [["kokoro.lan:8880", 200], ["tts.example.org", 200], ["example.org", 200], ["localhost", 200], ["evil.example", 403], ["kokoro.lan.evil.example", 403]] as const) {
        expect((await rawRequest(server.url, "GET", "/v1/models", { host })).status, host).toBe(status);
      }
      expect((await rawRequest(any.url, "GET", "/v1/models", { host: "evil.example" })).status).toBe(200);
    } finally {
      await Promise.all([server.close(), any.close()]);
    }
  });

  it("on a non-loopback bind checks no Host unless allowedHosts is set; /health stays open", async () => {
    const open = await listening({}, "0.0.0.0");
    const listed = await listening({ allowedHosts: "kokoro.lan" }, "0.0.0.0");
    try {
      expect((await rawRequest(open.url, "GET", "/v1/models", { host: "tts.example.org" })).status).toBe(200);
      expect((await rawRequest(listed.url, "GET", "/v1/models", { host: "tts.example.org" })).status).toBe(403);
      expect((await rawRequest(listed.url, "GET", "/v1/models", { host: "kokoro.lan" })).status).toBe(200);
      const health = await rawRequest(listed.url, "GET", "/health", { host: "10.0.0.7:8880" });
      expect(JSON.parse(health.body)).toMatchObject({ status: "loading" }); // not started; but answered, not refused
    } finally {
      await Promise.all([open.close(), listed.close()]);
    }
  });
});
