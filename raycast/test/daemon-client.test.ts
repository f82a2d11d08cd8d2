import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDaemonClient } from "../src/lib/daemon-client";
import { daemonRunDir, daemonTokenFile } from "../src/lib/daemon-token";
import {
  DaemonAuthError,
  DaemonProtocolError,
  DaemonRequestError,
  DaemonUnreachableError,
  toastForError,
} from "../src/lib/errors";
import { freePort, sendJson, startFakeDaemon, startServer, type TestServer } from "./helpers";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("daemon client", () => {
  it("reads /health", async () => {
    server = await startFakeDaemon();
    const health = await createDaemonClient({ baseUrl: `${server.url}/` }).health();
    expect(health).toEqual({ status: "ok", sink: "fake", state: "idle", queued: 0 });
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /health"]);
  });

  it("posts /play with the text, voice, speed, server and mode, and returns the id", async () => {
    server = await startFakeDaemon();
    const client = createDaemonClient({ baseUrl: server.url });
    const result = await client.play({
      text: "Hello there",
      voice: "bf_emma",
      speed: 1.25,
      server: "http://127.0.0.1:8880",
      mode: "queue",
    });
    expect(result).toEqual({ id: "utt-1" });
    const play = server.requests.find((r) => r.path === "/play");
    expect(play?.method).toBe("POST");
    expect(play?.headers["content-type"]).toBe("application/json");
    expect(play?.body).toEqual({
      text: "Hello there",
      voice: "bf_emma",
      speed: 1.25,
      server: "http://127.0.0.1:8880",
      mode: "queue",
    });
  });

  it("puts apiKey in the /play body only when it is set", async () => {
    server = await startFakeDaemon();
    const client = createDaemonClient({ baseUrl: server.url });
    await client.play({ text: "a", apiKey: "" });
    await client.play({ text: "b", apiKey: "sk-123" });
    const bodies = server.requests.filter((r) => r.path === "/play").map((r) => r.body);
    expect(bodies).toEqual([{ text: "a" }, { text: "b", apiKey: "sk-123" }]);
  });

  it("turns a 400 into DaemonRequestError carrying the daemon's message", async () => {
    server = await startFakeDaemon();
    const error = await createDaemonClient({ baseUrl: server.url })
      .play({ text: "" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DaemonRequestError);
    expect((error as DaemonRequestError).status).toBe(400);
    expect((error as DaemonRequestError).detail).toBe("text is required");
  });

  it("posts /stop, /pause, /resume and /skip and reports the state", async () => {
    server = await startFakeDaemon();
    const client = createDaemonClient({ baseUrl: server.url });
    expect(await client.pause()).toBe("paused");
    expect(await client.resume()).toBe("playing");
    expect(await client.skip()).toBe("idle");
    expect(await client.stop()).toBe("idle");
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /pause",
      "POST /resume",
      "POST /skip",
      "POST /stop",
    ]);
  });

  it("reports DaemonUnreachableError when nothing listens", async () => {
    const port = await freePort();
    const error = await createDaemonClient({ baseUrl: `http://127.0.0.1:${port}` })
      .health()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DaemonUnreachableError);
    expect((error as DaemonUnreachableError).reason).toBe("connection refused");
  });

  it("reports DaemonUnreachableError when the daemon does not answer in time", async () => {
    server = await startServer(() => undefined); // accepts, never answers
    const error = await createDaemonClient({ baseUrl: server.url, timeoutMs: 200 })
      .health()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DaemonUnreachableError);
    expect((error as DaemonUnreachableError).reason).toBe("timed out");
  });

  it("reports DaemonProtocolError when something else answers on the daemon's port", async () => {
    server = await startServer((_req, res) => sendJson(res, 200, { status: "ready" })); // e.g. kokoro-server itself
    const error = await createDaemonClient({ baseUrl: server.url })
      .health()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DaemonProtocolError);
  });
});

describe("the daemon's token", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  function tokenFile(token?: string): string {
    const dir = mkdtempSync(join(tmpdir(), "kokoro-token-"));
    dirs.push(dir);
    const file = join(dir, "daemon-8881.token");
    if (token !== undefined) writeFileSync(file, `${token}\n`, { mode: 0o600 });
    return file;
  }

  it("is read from the token file at every request and sent as Authorization: Bearer", async () => {
    server = await startFakeDaemon({ token: "first" });
    const file = tokenFile("first");
    const client = createDaemonClient({ baseUrl: server.url, tokenFile: file });
    expect(await client.health()).toMatchObject({ sink: "fake" }); // details only with the token
    expect(await client.play({ text: "Hi" })).toEqual({ id: "utt-1" });
    writeFileSync(file, "second\n"); // a restarted daemon writes a new token
    await client.pause().catch(() => undefined);
    expect(server.requests.map((r) => `${r.method} ${r.path} ${r.headers.authorization}`)).toEqual([
      "GET /health Bearer first",
      "POST /play Bearer first",
      "POST /pause Bearer second",
    ]);
  });

  it("turns a 401 into DaemonAuthError: no token file, or a token that is not the daemon's", async () => {
    server = await startFakeDaemon({ token: "right" });
    const missing = tokenFile();
    const noToken = await createDaemonClient({ baseUrl: server.url, tokenFile: missing })
      .play({ text: "Hi" })
      .catch((e: unknown) => e);
    expect(noToken).toBeInstanceOf(DaemonAuthError);
    expect(noToken).toMatchObject({ tokenFile: missing, tokenWasSent: false });
    expect(toastForError(noToken)).toEqual({
      title: "Kokoro daemon refused the extension",
      message: expect.stringContaining(
        `No token at ${missing}: the running daemon was started with another KOKORO_HOME`,
      ) as string,
    });
    const stale = await createDaemonClient({ baseUrl: server.url, tokenFile: tokenFile("old") })
      .stop()
      .catch((e: unknown) => e);
    expect(stale).toMatchObject({ tokenWasSent: true });
    expect(toastForError(stale).message).toMatch(/is not the running daemon's/);
  });

  it("lives where kokoro puts it: $KOKORO_HOME/run, else $XDG_RUNTIME_DIR/kokoro-server, else the cache dir", () => {
    const home = "/Users/me";
    expect(daemonTokenFile("http://127.0.0.1:8881", { env: { KOKORO_HOME: "/k" }, home })).toBe(
      "/k/run/daemon-8881.token",
    );
    expect(daemonRunDir({ env: { XDG_RUNTIME_DIR: "/run/user/501" }, home })).toBe("/run/user/501/kokoro-server");
    expect(daemonRunDir({ env: {}, home, platform: "darwin" })).toBe("/Users/me/Library/Caches/kokoro-server/run");
    expect(daemonRunDir({ env: { XDG_CACHE_HOME: "/c" }, home, platform: "darwin" })).toBe("/c/kokoro-server/run");
    expect(daemonRunDir({ env: {}, home, platform: "linux" })).toBe("/Users/me/.cache/kokoro-server/run");
  });
});
