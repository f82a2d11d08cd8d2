// `kokoro bench variants` from the built CLI, on fixture models given by path (no download here): a JSON
// report per variant with load times (with and without the optimized graph), inference timings, memory,
// and the log-mel distance to the reference — 0 for the reference itself and for the heavy fixture (which
// speaks the same audio within 1e-6), far from 0 for a model whose audio differs.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { GraphBuilder } from "../../scripts/onnx/graph-builder.js";
import { encodeModel } from "../../scripts/onnx/onnx-proto.js";
import { CLI, FIXTURE_MODEL, FIXTURE_MODEL_HEAVY, MISAKI_DIR, VOICES_DIR } from "../helpers/paths.js";

const run = promisify(execFile);

/** A model with Kokoro's I/O whose audio is a constant-pitch buzz: same length as the fixture, different sound. */
function buzzModel(dir: string): string {
  const b = new GraphBuilder("kokoro_buzz");
  const idsIn = b.input("input_ids", "int64", [1, "num_tokens"]);
  b.input("style", "float32", [1, 256]);
  b.input("speed", "float32", [1]);
  const ids = b.op("Cast", [b.op("Reshape", [idsIn, b.i64([-1])])], { to: { int: 1 } });
  const wave = Array.from({ length: 600 }, (_, j) => 0.3 * Math.sin((2 * Math.PI * 220 * j) / 24_000));
  const frames = b.op("Add", [b.op("Mul", [b.op("Unsqueeze", [ids, b.i64([1])]), b.f32(new Array(600).fill(0), [1, 600])]), b.f32(wave, [1, 600])]);
  b.op("Reshape", [frames, b.i64([-1])], {}, "waveform");
  b.output("waveform", "float32", ["num_samples"]);
  const file = path.join(dir, "buzz.onnx");
  writeFileSync(file, encodeModel(b.build({ irVersion: 8, opset: 17, producer: "kokoro-server tests" })));
  return file;
}

interface Report {
  reference: string;
  calls: number;
  runs: number;
  machine: { cpu: string; cores: number };
  variants: Array<{
    name: string;
    bytes: number;
    loadMs: { optimizeMs: number; optimizeAndSaveMs: number; fromCacheMs: number };
    inference: { callMs: { median: number; p95: number }; rtf: { median: number; p95: number }; audioSeconds: number };
    rssMB: { before: number; loaded: number; max: number };
    logMelDistanceDb: { mean: number; max: number };
    lengthRatio: number;
  }>;
}

describe("kokoro bench variants", () => {
  it("compares variants given by path against the first, in JSON", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kokoro-bench-variants-"));
    const out = path.join(dir, "report.json");
    const { stdout } = await run(
      process.execPath,
      [CLI, "bench", "variants", "--variants", `light=${FIXTURE_MODEL},heavy=${FIXTURE_MODEL_HEAVY},buzz=${buzzModel(dir)}`, "--reference", "light",
        "--runs", "1", "--voices", VOICES_DIR, "--lexicons", MISAKI_DIR, "--cache-dir", dir, "--texts-file", writeTexts(dir), "--out", out],
      { env: { ...process.env, XDG_CONFIG_HOME: dir }, timeout: 240_000, maxBuffer: 16 * 1024 * 1024 },
    );
    const report = JSON.parse(stdout) as Report;
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual(report);
    expect(report).toMatchObject({ reference: "light", runs: 1 });
    expect(report.calls).toBeGreaterThanOrEqual(2);
    expect(report.machine.cores).toBeGreaterThan(0);
    expect(report.variants.map((v) => v.name)).toEqual(["light", "heavy", "buzz"]);
    const [light, heavy, buzz] = report.variants;
    for (const v of report.variants) {
      expect(v.bytes).toBeGreaterThan(0);
      expect(v.loadMs.optimizeMs).toBeGreaterThan(0);
      expect(v.loadMs.optimizeAndSaveMs).toBeGreaterThan(0);
      expect(v.loadMs.fromCacheMs).toBeGreaterThan(0);
      expect(v.inference.callMs.p95).toBeGreaterThanOrEqual(v.inference.callMs.median);
      expect(v.inference.rtf.median).toBeGreaterThan(0);
      expect(v.rssMB.loaded).toBeGreaterThan(v.rssMB.before);
      expect(v.lengthRatio).toBe(1);
    }
    expect(light!.logMelDistanceDb).toEqual({ mean: 0, max: 0 });
    expect(heavy!.logMelDistanceDb.mean).toBeLessThan(0.01);
    expect(buzz!.logMelDistanceDb.mean).toBeGreaterThan(5);
    expect(heavy!.inference.audioSeconds).toBe(light!.inference.audioSeconds);
  });

  it("names the missing download for a catalogue variant that is not in the cache", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kokoro-bench-variants-"));
    const err = await run(process.execPath, [CLI, "bench", "variants", "--variants", "fp32,q8", "--voices", VOICES_DIR, "--lexicons", MISAKI_DIR, "--cache-dir", dir], {
      env: { ...process.env, XDG_CONFIG_HOME: dir },
      timeout: 60_000,
    }).then(() => null, (e: unknown) => e as { code: number; stderr: string });
    expect(err?.code).toBe(1);
    expect(err?.stderr).toMatch(/variant fp32 is not in the cache .*kokoro download --variant fp32/);
    const unknown = await run(process.execPath, [CLI, "bench", "variants", "--variants", "fp64", "--cache-dir", dir], { env: { ...process.env, XDG_CONFIG_HOME: dir }, timeout: 60_000 }).then(
      () => null,
      (e: unknown) => e as { stderr: string },
    );
    expect(unknown?.stderr).toMatch(/unknown model variant "fp64"; valid variants: fp32, fp16, q8/);
  });
});

function writeTexts(dir: string): string {
  const file = path.join(dir, "texts.txt");
  writeFileSync(file, "Hello there.\nThe quick brown fox jumps over the lazy dog.\n");
  return file;
}
