// A web page must not be able to drive the audio daemon or read its queue, and no client may point it (and its
// API key) at a server of its choosing. Real daemons on real ports; real HTTP, WebSocket and a capturing server.
import { existsSync, statSync } from "node:fs";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { DaemonSocket } from "../../src/player/daemon-socket.js";
import { daemonRunDir } from "../../src/player/daemon-token.js";
import { DEFAULT_QUEUE_LIMITS } from "../../src/player/queue-limits.js";
import { parseAllowedServers } from "../../src/player/speech-servers.js";
import { sleep, startTestDaemon, tone, withoutSilence, type TestClient, type TestDaemon } from "./daemon-harness.js";

const UNREACHABLE = "http://127.0.0.1:9";
const owned: TestDaemon[] = [];
async function daemon(opts: Parameters<typeof startTestDaemon>[0] = {}): Promise<TestDaemon> {
  const d = await startTestDaemon({ server: UNREACHABLE, ...opts });
  owned.push(d);
  return d;
}
afterEach(async () => {
  for (const d of owned.splice(0)) await d.close();
});

/** The headers of a request from one of the daemon's own clients, before a test spoils one of them. */
const own = (t: TestDaemon, extra: Record<string, string> = {}): Record<string, string> => ({
  host: `127.0.0.1:${t.daemon.port}`,
  authorization: `Bearer ${t.token}`,
  "content-type": "application/json",
  ...extra,
});
const errorOf = (body: unknown): string => (body as { error: { message: string } }).error.message;

/** The status the daemon answers a WebSocket upgrade with (101 when it accepts). */
async function upgradeStatus(t: TestDaemon, headers: Record<string, string>): Promise<number | undefined> {
  const ws = new WebSocket(`ws://127.0.0.1:${t.daemon.port}/ws`, { headers });
  const status = await new Promise<number | undefined>((resolve) => {
    ws.once("unexpected-response", (_req, res) => resolve(res.statusCode));
    ws.once("open", () => resolve(101));
    ws.once("error", () => resolve(undefined));
  });
  ws.on("error", () => {});
  ws.terminate();
  return status;
}

async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await sleep(20);
  }
}

/** Holds the head of the queue: a stream that has started and not ended. */
async function holdHead(t: TestDaemon): Promise<TestClient> {
  const c = await t.connect();
  c.send({ type: "play", id: "head", format: "pcm" });
  await c.frame(0, tone(2400));
  await c.waitFor("started", "head");
  return c;
}

describe("the token file", () => {
  it("is written at start-up with mode 0600 in a 0700 folder, is new for every daemon, and goes away on close", async () => {
    const t = await daemon();
    const file = t.daemon.tokenFile;
    expect(path.basename(file)).toBe(`daemon-${t.daemon.port}.token`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(t.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
    const other = await daemon();
    expect(other.token).not.toBe(t.token);
    await t.close();
    owned.splice(owned.indexOf(t), 1);
    expect(existsSync(file)).toBe(false);
  });

  it("lives under KOKORO_HOME when set, else XDG_RUNTIME_DIR, else the cache dir", () => {
    expect(daemonRunDir({ KOKORO_HOME: "/tmp/kh", XDG_RUNTIME_DIR: "/run/user/1" })).toBe("/tmp/kh/run");
    expect(daemonRunDir({ XDG_RUNTIME_DIR: "/run/user/1", HOME: "/home/u" })).toBe("/run/user/1/kokoro-server");
    expect(daemonRunDir({ XDG_RUNTIME_DIR: "relative", XDG_CACHE_HOME: "/c" })).toBe("/c/kokoro-server/run");
  });
});

describe("the token is required for everything but the bare liveness check", () => {
  it("answers 401 to a request without the token, or with a wrong one, and does nothing", async () => {
    const t = await daemon();
    const { authorization: _, ...noToken } = own(t);
    for (const headers of [noToken, own(t, { authorization: "Bearer wrong" }), own(t, { authorization: t.token })]) {
      const queue = await t.raw("GET", "/queue", headers);
      expect(queue.status).toBe(401);
      expect(queue.headers["www-authenticate"]).toBe('Bearer realm="kokoro-daemon"');
      expect(errorOf(queue.body)).toContain(t.daemon.tokenFile);
      for (const route of ["/play", "/pause", "/resume", "/stop", "/skip"]) {
        expect((await t.raw("POST", route, headers, JSON.stringify({ text: "Speak!" }))).status).toBe(401);
      }
    }
    expect(t.daemon.player.size).toBe(0);
    expect((await t.raw("GET", "/queue", own(t))).status).toBe(200);
  });

  it("/health without the token says only that a daemon is here", async () => {
    const t = await daemon();
    const { authorization: _, ...noToken } = own(t);
    expect((await t.raw("GET", "/health", noToken)).body).toEqual({ status: "ok" });
    expect((await t.raw("GET", "/health", own(t, { authorization: "Bearer wrong" }))).body).toEqual({ status: "ok" });
    expect((await t.raw("GET", "/health", own(t))).body).toEqual({ status: "ok", sink: "null", state: "idle", queued: 0, pid: process.pid });
  });

  it("refuses a WebSocket without the token, or with a wrong one", async () => {
    const t = await daemon();
    const refused: Record<string, string>[] = [{}, { authorization: "Bearer wrong" }];
    for (const headers of refused) expect(await upgradeStatus(t, headers)).toBe(401);
    expect(await upgradeStatus(t, { authorization: `Bearer ${t.token}` })).toBe(101);
    await expect(DaemonSocket.connect(t.daemon.port, "wrong")).rejects.toThrow(/the daemon refused the connection: missing or wrong daemon token/);
    expect(t.daemon.clients()).toBe(0);
  });
});

describe("Host: only the daemon's own loopback name (DNS rebinding)", () => {
  it("refuses a foreign Host with 403, even with the token", async () => {
    const t = await daemon();
    const port = t.daemon.port;
    for (const host of ["evil.example", `evil.example:${port}`, `localhost:${port + 1}`, `127.0.0.2:${port}`, `localhost.evil.example:${port}`]) {
      const res = await t.raw("GET", "/queue", own(t, { host }));
      expect(res.status, host).toBe(403);
      expect(errorOf(res.body)).toMatch(/^Host '.*' is not this daemon's/);
      expect((await t.raw("GET", "/health", own(t, { host }))).status).toBe(403);
    }
    expect(await upgradeStatus(t, { authorization: `Bearer ${t.token}`, host: "evil.example" })).toBe(403);
    expect(await upgradeStatus(t, { authorization: `Bearer ${t.token}`, origin: "https://evil.example" })).toBe(403);
  });

  it("refuses a request without Host (TCP only: there is no Unix socket where that would be normal)", async () => {
    const t = await daemon();
    const statusLine = async (version: string): Promise<string> => {
      const socket = net.connect(t.daemon.port, "127.0.0.1");
      socket.end(`GET /queue HTTP/${version}\r\nAuthorization: Bearer ${t.token}\r\n\r\n`);
      let answer = "";
      for await (const chunk of socket) answer += String(chunk);
      return answer.split("\r\n")[0] ?? "";
    };
    expect(await statusLine("1.0")).toBe("HTTP/1.1 403 Forbidden");
    expect(await statusLine("1.1")).toBe("HTTP/1.1 400 Bad Request"); // node:http itself: HTTP/1.1 requires Host
  });

  it("accepts localhost, 127.0.0.1 and [::1], with its own port or none", async () => {
    const t = await daemon();
    const port = t.daemon.port;
    for (const host of [`localhost:${port}`, `LOCALHOST:${port}`, "localhost", `127.0.0.1:${port}`, "127.0.0.1", `[::1]:${port}`, "[::1]"]) {
      expect((await t.raw("GET", "/queue", own(t, { host }))).status, host).toBe(200);
    }
  });
});

describe("Origin: no web page, not even a local one", () => {
  it("refuses a request that carries a foreign Origin, and does nothing", async () => {
    const t = await daemon();
    const port = t.daemon.port;
    for (const origin of ["https://evil.example", "http://localhost:8880", `http://127.0.0.1:${port + 1}`, "null"]) {
      const play = await t.raw("POST", "/play", own(t, { origin }), JSON.stringify({ text: "Speak!" }));
      expect(play.status, origin).toBe(403);
      expect(errorOf(play.body)).toMatch(/requests from web pages .* are refused/);
      expect((await t.raw("GET", "/queue", own(t, { origin }))).status).toBe(403);
      expect((await t.raw("OPTIONS", "/play", { host: `127.0.0.1:${port}`, origin, "access-control-request-method": "POST" })).status).toBe(403);
    }
    expect(t.daemon.player.size).toBe(0);
    expect((await t.raw("GET", "/queue", own(t, { origin: `http://127.0.0.1:${port}` }))).status).toBe(200);
  });
});

describe("Content-Type: application/json on every request that changes state", () => {
  it("refuses POST /play without it (what fetch(..., {mode: 'no-cors'}) sends) or with another type", async () => {
    const t = await daemon();
    const { "content-type": _, ...noType } = own(t);
    const body = JSON.stringify({ text: "Speak!" });
    const bare = await t.raw("POST", "/play", noType, body);
    expect(bare.status).toBe(415);
    expect(errorOf(bare.body)).toBe("Content-Type must be application/json");
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonp"]) {
      expect((await t.raw("POST", "/play", own(t, { "content-type": type }), body)).status, type).toBe(415);
    }
    expect(t.daemon.player.size).toBe(0);
  });

  it("refuses /pause, /resume, /skip and /stop without it, leaving playback alone", async () => {
    const t = await daemon();
    await holdHead(t);
    const { "content-type": _, ...noType } = own(t);
    for (const route of ["/pause", "/skip", "/stop", "/resume"]) {
      expect((await t.raw("POST", route, noType)).status, route).toBe(415);
      expect(t.daemon.player.state).toBe("playing");
    }
    expect(t.daemon.player.items().map((i) => i.id)).toEqual(["head"]);
    expect((await t.raw("POST", "/pause", own(t))).body).toEqual({ state: "paused" });
  });
});

describe("speech servers: only the configured one and the allow-list", () => {
  interface Captured {
    readonly method: string;
    readonly url: string;
    readonly headers: http.IncomingHttpHeaders;
    readonly body: string;
  }
  let capture: { url: string; origin: string; requests: Captured[]; close(): Promise<void> };
  const audio = tone(4800, 321);

  beforeAll(async () => {
    process.env.KOKORO_API_KEY = "the-daemon-secret";
    const requests: Captured[] = [];
    const server = http.createServer((req, res) => {
      const parts: Buffer[] = [];
      req.on("data", (d: Buffer) => parts.push(d));
      req.on("end", () => {
        requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(parts).toString("utf8") });
        res.writeHead(200, { "content-type": "audio/pcm" });
        res.end(audio);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    capture = {
      url: `${origin}/`,
      origin,
      requests,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  });
  afterAll(async () => {
    delete process.env.KOKORO_API_KEY;
    await capture.close();
  });

  it("refuses a /play that names another server (400): that server gets no request and no key", async () => {
    const t = await daemon();
    const c = await t.connect();
    for (const body of [{ text: "Leak?", server: capture.origin }, { text: "Leak?", server: `${capture.origin}/v1/audio/speech`, apiKey: "k" }]) {
      const res = await t.http("POST", "/play", body);
      expect(res.status).toBe(400);
      expect(errorOf(res.body)).toContain(`is not allowed: this daemon fetches speech only from ${UNREACHABLE}`);
    }
    // Nor a path of its own on the configured server.
    expect((await t.http("POST", "/play", { text: "Leak?", server: `${UNREACHABLE}/admin` })).status).toBe(400);
    expect((await t.http("POST", "/play", { text: "Leak?", server: `http://user:pw@127.0.0.1:9` })).status).toBe(400);
    c.send({ type: "play", text: "Leak?", server: capture.origin });
    await eventually(() => c.of("error").some((e) => /is not allowed/.test(e.message)));
    await sleep(300);
    expect(capture.requests).toEqual([]);
    expect(t.daemon.player.size).toBe(0);
  });

  it("fetches from an allow-listed origin, only at the speech path it builds, with its key", async () => {
    const t = await daemon({ allowedServers: parseAllowedServers(`${capture.origin}/`) });
    const c = await t.connect();
    expect((await t.http("POST", "/play", { text: "Elsewhere?", server: `${capture.origin}/other/path` })).status).toBe(400);
    const res = await t.http("POST", "/play", { text: "Allowed.", server: capture.url });
    expect(res.status).toBe(202);
    const { id } = res.body as { id: string };
    expect(await c.waitFor("completed", id)).toMatchObject({ reason: "ended", seconds: 0.2 });
    expect(withoutSilence(t.sink.recorded()).equals(audio)).toBe(true);
    expect(capture.requests).toHaveLength(1);
    const [sent] = capture.requests;
    expect([sent!.method, sent!.url, sent!.headers.authorization]).toEqual(["POST", "/v1/audio/speech", "Bearer the-daemon-secret"]);
    expect(JSON.parse(sent!.body)).toMatchObject({ input: "Allowed.", response_format: "pcm", stream: true });
    capture.requests.length = 0;
  });

  it("takes allow-list entries as origins only", () => {
    expect(parseAllowedServers(" http://127.0.0.1:8890/ , https://TTS.example ")).toEqual(["http://127.0.0.1:8890", "https://tts.example"]);
    expect(parseAllowedServers(undefined)).toEqual([]);
    expect(() => parseAllowedServers("http://127.0.0.1:8890/v1")).toThrow(/must be an http\(s\) origin/);
    expect(() => parseAllowedServers("file:///etc/passwd")).toThrow(/must be an http\(s\) origin/);
    expect(() => parseAllowedServers("127.0.0.1:8890")).toThrow(/http\(s\) origin|not a URL/);
  });
});

describe("queue caps", () => {
  it("refuses a /play to a queue of maxItems utterances with 429, over HTTP and the WebSocket", async () => {
    const t = await daemon({ limits: { maxItems: 3 } });
    const c = await holdHead(t);
    expect((await t.http("POST", "/play", { text: "one", mode: "queue" })).status).toBe(202);
    expect((await t.http("POST", "/play", { text: "two", mode: "queue" })).status).toBe(202);
    const full = await t.http("POST", "/play", { text: "three", mode: "queue" });
    expect(full).toEqual({ status: 429, body: { error: { message: "the queue is full (3 utterances): wait, skip or stop" } } });
    c.send({ type: "play", id: "late", format: "pcm", mode: "queue" });
    await eventually(() => c.of("error").some((e) => e.message === "the queue is full (3 utterances): wait, skip or stop"));
    expect(t.daemon.player.items().map((i) => i.id)).toHaveLength(3);
    expect(t.daemon.player.items()[0]).toMatchObject({ id: "head", state: "playing" }); // the refused play failed nothing
    // "replace" empties the queue first, so a full queue does not refuse it.
    expect((await t.http("POST", "/play", { text: "instead" })).status).toBe(202);
  });

  it("refuses text beyond maxTextBytes in all with 429, and one text larger than that with 413", async () => {
    const t = await daemon({ limits: { maxTextBytes: 100 } });
    await holdHead(t);
    expect((await t.http("POST", "/play", { text: "a".repeat(30), mode: "queue" })).status).toBe(202);
    expect((await t.http("POST", "/play", { text: "b".repeat(30), mode: "queue" })).status).toBe(202);
    expect(await t.http("POST", "/play", { text: "c".repeat(41), mode: "queue" })).toEqual({
      status: 429,
      body: { error: { message: "the queue is full (60 bytes of text queued, at most 100): wait, skip or stop" } },
    });
    expect((await t.http("POST", "/play", { text: "c".repeat(40), mode: "queue" })).status).toBe(202);
    expect(await t.http("POST", "/play", { text: "é".repeat(51) })).toEqual({
      status: 413, // 102 bytes of UTF-8
      body: { error: { message: "the text is 102 bytes; the daemon's queue holds at most 100" } },
    });
    expect((await t.http("POST", "/play", { text: "e".repeat(100) })).status).toBe(202);
  });

  it("by default holds at most 200 utterances", async () => {
    const t = await daemon();
    await holdHead(t);
    expect(DEFAULT_QUEUE_LIMITS.maxItems).toBe(200);
    for (let i = 1; i < 200; i++) expect((await t.http("POST", "/play", { text: `item ${i}`, mode: "queue" })).status).toBe(202);
    expect((await t.http("POST", "/play", { text: "one too many", mode: "queue" })).status).toBe(429);
    await t.http("POST", "/stop");
  });
});

describe("the reorder buffer's byte cap", () => {
  it("fails the utterance cleanly when too much audio waits behind a gap, and the daemon plays on", async () => {
    const t = await daemon({ limits: { maxGapBytes: 64 * 1024 } });
    const c = await t.connect();
    c.send({ type: "play", id: "gappy", format: "pcm" });
    for (let seq = 1; seq <= 5; seq++) await c.frame(seq, tone(8192, seq)); // 16 KiB each; frame 0 never comes
    expect((await c.waitFor("error", "gappy")).message).toBe("more than 65536 bytes of audio would wait for frame 0, which never came");
    expect(await c.waitFor("completed", "gappy")).toMatchObject({ reason: "error" });

    const next = tone(2400, 99);
    c.send({ type: "play", id: "next", format: "pcm" });
    await c.frame(0, next);
    c.send({ type: "end", id: "next" });
    expect(await c.waitFor("completed", "next")).toMatchObject({ reason: "ended", seconds: 0.1 });
    expect(withoutSilence(t.sink.recorded()).subarray(-next.length).equals(next)).toBe(true);
  });
});
