import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { KokoroEngine } from "../../src/engine/engine.js";
import { ModelLoadError } from "../../src/engine/errors.js";
import { decodeFixtureAudio } from "../helpers/fixture-audio.js";
import { CLI, FIXTURE_MODEL, FIXTURE_MODEL_V1, MISAKI_DIR, VOICES_DIR, VOICES_NPZ } from "../helpers/paths.js";
import { expectAudioOfPlan, parseWav, plannedChunks, postSpeech, startTestServer, voiceStyle00 } from "../helpers/test-server.js";

const run = promisify(execFile);

describe("model and voice loading", () => {
  it("loads the kokoro-onnx naming (tokens → audio) and the npz voices", async () => {
    const server = await startTestServer({ model: FIXTURE_MODEL_V1, voices: VOICES_NPZ });
    try {
      expect(server.services.engine.info.io).toMatchObject({ idsInput: "tokens", audioOutput: "audio" });
      const text = "Both namings load.";
      const res = await postSpeech(server.url, { input: text, voice: "af_sky", response_format: "wav" });
      expect(res.status).toBe(200);
      const chunks = await plannedChunks(server.services.frontEnd, text);
      expectAudioOfPlan(parseWav(Buffer.from(await res.arrayBuffer())).samples, chunks, 1, (n) => voiceStyle00("af_sky", n));
    } finally {
      await server.close();
    }
  });

  it("reads the onnx-community naming (input_ids → waveform) from the session", async () => {
    const engine = await KokoroEngine.load(FIXTURE_MODEL);
    try {
      expect(engine.info.io).toMatchObject({ idsInput: "input_ids", styleInput: "style", speedInput: "speed", speedType: "float32", audioOutput: "waveform" });
      const out = await engine.infer({ ids: [50, 51], style: new Float32Array(256), speed: 1 });
      expect(decodeFixtureAudio(out.audio, { speed: 1 }).ids).toEqual([0, 50, 51, 0]);
      await expect(engine.infer({ ids: new Array(511).fill(50), style: new Float32Array(256), speed: 1 })).rejects.toThrow(/at most 510/);
    } finally {
      await engine.close();
    }
  });

  it("rejects a missing or corrupt model file with a clear error", async () => {
    await expect(KokoroEngine.load("/nonexistent/model.onnx")).rejects.toThrow(/model file not found: \/nonexistent\/model.onnx/);
    const corrupt = path.join(mkdtempSync(path.join(os.tmpdir(), "kokoro-corrupt-")), "model.onnx");
    writeFileSync(corrupt, "this is not an onnx file");
    const err = await KokoroEngine.load(corrupt).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(ModelLoadError);
    expect((err as Error).message).toMatch(/cannot load model .*model\.onnx/);
  });

  it.each([
    ["a missing model", (dir: string) => path.join(dir, "missing.onnx"), /model file not found/],
    ["a corrupt model", (dir: string) => {
      const f = path.join(dir, "corrupt.onnx");
      writeFileSync(f, Buffer.alloc(1000, 7));
      return f;
    }, /cannot load model/],
  ])("`kokoro serve` with %s exits non-zero with the reason", async (_name, makeModel, message) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kokoro-serve-"));
    const err = await run(process.execPath, [CLI, "serve", "--port", "0", "--model", makeModel(dir), "--voices", VOICES_DIR, "--lexicons", MISAKI_DIR, "--log-level", "silent"], {
      env: { ...process.env, XDG_CONFIG_HOME: dir, KOKORO_HOME: dir },
      timeout: 60_000,
    }).then(() => null, (e: unknown) => e as { code: number; stderr: string });
    expect(err).not.toBeNull();
    expect(err!.code).toBe(1);
    expect(err!.stderr).toMatch(message);
    expect(err!.stderr).toMatch(/start-up failed/);
  });
});
