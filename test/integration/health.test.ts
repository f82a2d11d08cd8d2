import os from "node:os";
import { mkdtempSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.js";
import { createSpeechServer } from "../../src/server/speech-server.js";
import { createLogger } from "../../src/telemetry/logger.js";
import { FIXTURE_MODEL, MISAKI_DIR, VOICES_DIR } from "../helpers/paths.js";

function appFor(flags: Record<string, unknown>) {
  const { config } = loadConfig({
    env: { XDG_CONFIG_HOME: mkdtempSync(path.join(os.tmpdir(), "kokoro-health-")) },
    // A scratch cache dir: the provider and optimized-graph caches must not land in the user's cache.
    flags: { voices: VOICES_DIR, lexicons: MISAKI_DIR, logLevel: "silent", autoDownload: false, cacheDir: mkdtempSync(path.join(os.tmpdir(), "kokoro-health-cache-")), ...flags },
  });
  return createSpeechServer(config, createLogger("silent"));
}

describe("/health and readiness", () => {
  it("is 503 with the stage until the model is loaded and warmed, then 200; speech waits with Retry-After", async () => {
    const { app, runtime } = appFor({ model: FIXTURE_MODEL });
    try {
      const before = await app.inject({ method: "GET", url: "/health" });
      expect(before.statusCode).toBe(503);
      expect(before.json()).toMatchObject({ status: "loading", stage: "starting" });

      const speech = await app.inject({ method: "POST", url: "/v1/audio/speech", payload: { input: "hi" } });
      expect(speech.statusCode).toBe(503);
      expect(speech.headers["retry-after"]).toBeDefined();
      expect(speech.json().error.message).toMatch(/not ready/);

      const starting = runtime.start();
      expect(runtime.start()).toBe(starting); // one load, however often start() is called
      const during = await app.inject({ method: "GET", url: "/health" });
      expect(["loading", "ready"]).toContain(during.json().status);
      await starting;

      const after = await app.inject({ method: "GET", url: "/health" });
      expect(after.statusCode).toBe(200);
      expect(after.json()).toMatchObject({ status: "ready" });
    } finally {
      await app.close();
      await runtime.close();
    }
  });

  it("reports a failed start-up", async () => {
    const { app, runtime } = appFor({ model: "/nonexistent/kokoro.onnx" });
    try {
      await expect(runtime.start()).rejects.toThrow(/model file not found/);
      const res = await app.inject({ method: "GET", url: "/health" });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: "failed" });
      expect(res.json().error).toMatch(/model file not found/);
    } finally {
      await app.close();
    }
  });

  it("echoes a plain X-Request-Id and generates one otherwise", async () => {
    const { app } = appFor({ model: FIXTURE_MODEL });
    try {
      const given = await app.inject({ method: "GET", url: "/health", headers: { "x-request-id": "abc-123" } });
      expect(given.headers["x-request-id"]).toBe("abc-123");
      const unsafe = await app.inject({ method: "GET", url: "/health", headers: { "x-request-id": "bad id\twith spaces" } });
      expect(unsafe.headers["x-request-id"]).toMatch(/^req-/);
    } finally {
      await app.close();
    }
  });
});
