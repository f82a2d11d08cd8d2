import os from "node:os";
import { mkdtempSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/load.js";
import { createSpeechServer, type SpeechServer } from "../../../src/server/speech-server.js";
import { createLogger } from "../../../src/telemetry/logger.js";
import { decodeFixtureCalls } from "../../helpers/fixture-audio.js";
import { FIXTURE_MODEL, MISAKI_DIR, VOICES_DIR } from "../../helpers/paths.js";
import { pcmToInt16, plannedChunksStandalone, postSpeech } from "../../helpers/test-server.js";

// The probes a balancer and an orchestrator use: /livez (restart?) and /readyz (route here?), on the real
// server (runtime, ONNX Runtime, HTTP), through a real shutdown.

function serverFor(flags: Record<string, unknown>): SpeechServer {
  const tmp = (name: string) => mkdtempSync(path.join(os.tmpdir(), `kokoro-probes-${name}-`));
  const { config } = loadConfig({
    env: { XDG_CONFIG_HOME: tmp("cfg") },
    flags: {
      voices: VOICES_DIR, lexicons: MISAKI_DIR, logLevel: "silent", autoDownload: false, device: "cpu", intraOpThreads: 1,
      adaptiveCallSizing: false, cacheDir: tmp("cache"), ...flags,
    },
  });
  return createSpeechServer(config, createLogger("silent"));
}

const probe = async (server: SpeechServer, url: string, headers: Record<string, string> = {}) => {
  const res = await server.app.inject({ method: "GET", url, headers });
  return { status: res.statusCode, body: res.json<Record<string, unknown>>() };
};

describe("/livez and /readyz", () => {
  it("while loading: alive (200) but not ready (503, with the stage); once warmed up, both 200", async () => {
    const server = serverFor({ model: FIXTURE_MODEL });
    try {
      expect(await probe(server, "/livez")).toEqual({ status: 200, body: { status: "alive" } });
      expect(await probe(server, "/readyz")).toEqual({ status: 503, body: { status: "loading", stage: "starting" } });
      await server.runtime.start();
      expect(await probe(server, "/readyz")).toEqual({ status: 200, body: { status: "ready" } });
      expect(await probe(server, "/livez")).toEqual({ status: 200, body: { status: "alive" } });
      const head = await server.app.inject({ method: "HEAD", url: "/readyz" });
      expect(head.statusCode).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("after a failed start-up: alive, never ready", async () => {
    const server = serverFor({ model: "/nonexistent/kokoro.onnx" });
    try {
      await expect(server.runtime.start()).rejects.toThrow();
      expect(await probe(server, "/readyz")).toEqual({ status: 503, body: { status: "failed" } });
      expect((await probe(server, "/livez")).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("are open without a key and whatever the Host, like /health (the API itself is not)", async () => {
    const server = serverFor({ model: FIXTURE_MODEL, apiKeys: ["s3cret-key"], host: "0.0.0.0", allowedHosts: ["tts.example.org"] });
    try {
      await server.runtime.start();
      const foreign = { host: "10.1.2.3:8880" };
      expect((await probe(server, "/readyz", foreign)).status).toBe(200);
      expect((await probe(server, "/livez", foreign)).status).toBe(200);
      const metrics = await server.app.inject({ method: "GET", url: "/metrics", headers: { host: "tts.example.org" } });
      expect(metrics.statusCode).toBe(401);
      const misdirected = await server.app.inject({ method: "GET", url: "/v1/models", headers: { ...foreign, authorization: "Bearer s3cret-key" } });
      expect(misdirected.statusCode).toBe(403);
    } finally {
      await server.close();
    }
  });
});

describe("graceful shutdown with a drain delay", { timeout: 60_000 }, () => {
  it("turns /readyz 503 at once, serves new requests during the delay, refuses them after it, finishes in-flight work", async () => {
    const server = serverFor({ model: FIXTURE_MODEL, maxAheadSeconds: 0 });
    const text = "A request that arrives after the signal, while the balancer has not noticed yet, is still served.";
    const planned = (await plannedChunksStandalone(text)).map((c) => c.ids);
    const url = await server.app.listen({ host: "127.0.0.1", port: 0 });
    await server.runtime.start();
    const speak = async () => {
      const res = await postSpeech(url, { input: text, voice: "af_heart", response_format: "pcm" });
      return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
    };

    const DELAY_MS = 1_500;
    const stopped = server.shutdown(30_000, DELAY_MS);
    const readyz = await fetch(`${url}/readyz`);
    expect(readyz.status).toBe(503);
    expect(await readyz.json()).toEqual({ status: "draining" });
    expect((await fetch(`${url}/livez`)).status).toBe(200);

    // Within the delay: served in full, every token.
    const during = await speak();
    expect(during.status).toBe(200);
    expect(decodeFixtureCalls(pcmToInt16(during.bytes)).map((c) => c.ids)).toEqual(planned);

    // After it, new work is turned away (503, or refused once the listener is closed) and the server stops.
    const { cancelled } = await stopped;
    expect(cancelled).toBe(false);
    const after = await speak().then((r) => r.status, () => "refused");
    expect([503, "refused"]).toContain(after);
  });

  it("never waits longer than the grace period, delay included", async () => {
    const server = serverFor({ model: FIXTURE_MODEL });
    await server.app.listen({ host: "127.0.0.1", port: 0 });
    await server.runtime.start();
    // A delay longer than the grace period is cut to it: shutdown ends with nothing to cancel.
    const grace = 300;
    const started = performance.now();
    const { cancelled } = await server.shutdown(grace, 60_000);
    expect(cancelled).toBe(false);
    expect(performance.now() - started).toBeLessThan(30_000);
  });
});
