import { copyFileSync, mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { AssetsMissingError, cachePath, findVariant } from "../../src/assets/index.js";
import { loadConfig } from "../../src/config/load.js";
import { SpeechRuntime } from "../../src/runtime/runtime.js";
import { FIXTURE_MODEL, MISAKI_DIR, VOICES_DIR } from "../helpers/paths.js";

// A catalogue variant with no published size or sha256: any file in its place in the cache is accepted.
const VARIANT = "v1.0-fp16";

function runtimeFor(cacheDir: string): SpeechRuntime {
  const { config } = loadConfig({
    flags: { variant: VARIANT, voices: VOICES_DIR, lexicons: MISAKI_DIR, cacheDir, autoDownload: false, workers: 1, intraOpThreads: 1, audioCacheMB: 0, logLevel: "silent" },
    env: { XDG_CONFIG_HOME: cacheDir },
  });
  return new SpeechRuntime(config, pino({ level: "silent" }));
}

describe("the runtime with downloading off", () => {
  it("starts on the model the cache already holds", async () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), "kokoro-cached-"));
    const target = cachePath(cacheDir, findVariant(VARIANT).file.fileName);
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(FIXTURE_MODEL, target);
    const runtime = runtimeFor(cacheDir);
    try {
      await runtime.start();
      const state = runtime.state;
      expect(state.status).toBe("ready");
      if (state.status === "ready") expect(state.model).toMatchObject({ path: target, variant: VARIANT });
    } finally {
      await runtime.close();
    }
  }, 60_000);

  it("lists the missing model, with where to put it, when the cache lacks it", async () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), "kokoro-cached-"));
    const runtime = runtimeFor(cacheDir);
    try {
      const failure = await runtime.start().then(() => null, (err: unknown) => err);
      expect(failure).toBeInstanceOf(AssetsMissingError);
      expect((failure as AssetsMissingError).files.map((f) => f.dest)).toEqual([cachePath(cacheDir, findVariant(VARIANT).file.fileName)]);
    } finally {
      await runtime.close();
    }
  });
});
