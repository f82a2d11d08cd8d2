import { afterEach, describe, expect, it } from "vitest";
import { createDaemonClient } from "../src/lib/daemon-client";
import { DaemonProtocolError, DaemonRequestError, DaemonUnreachableError } from "../src/lib/errors";
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
