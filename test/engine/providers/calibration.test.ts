// The start-up calibration store: one JSON file per fingerprint and provider, read back only for exactly that
// fingerprint and only when it holds a usable cost line.
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CalibrationCache, isCalibration, SHORT_PROBE_IDS, shortProbeIds, type CostCalibration } from "../../../src/engine/providers/calibration.js";
import type { ProviderFingerprint } from "../../../src/engine/providers/fingerprint.js";

const fp: ProviderFingerprint = {
  modelSha256: "ab".repeat(32),
  onnxruntime: "1.30.0",
  cpu: "Test CPU",
  cores: 2,
  os: "linux test",
  providers: ["cpu=cpu"],
  threads: { workers: 1, intraOpThreads: 2, interOpThreads: 1 },
};
const line: CostCalibration = { fixedMs: 35.5, perIdMs: 22.25, audioMsPerId: 75, at: "2026-12-06T00:00:00.000Z" };
const dir = () => mkdtempSync(path.join(os.tmpdir(), "kokoro-calibration-"));

describe("CalibrationCache", () => {
  it("reads back what it wrote, per provider name", async () => {
    const cache = new CalibrationCache(dir());
    await cache.write(fp, line, "cpu");
    expect(await new CalibrationCache(cache.dir).read(fp, "cpu")).toEqual(line);
    expect(await cache.read(fp, "cuda")).toBeNull();
  });

  it("finds nothing for another fingerprint (other threads, model or onnxruntime)", async () => {
    const cache = new CalibrationCache(dir());
    await cache.write(fp, line, "cpu");
    expect(await cache.read({ ...fp, threads: { ...fp.threads, intraOpThreads: 1 } }, "cpu")).toBeNull();
    expect(await cache.read({ ...fp, modelSha256: "cd".repeat(32) }, "cpu")).toBeNull();
    expect(await cache.read({ ...fp, onnxruntime: "1.31.0" }, "cpu")).toBeNull();
  });

  it("treats an unreadable or unusable file as none", async () => {
    const cache = new CalibrationCache(dir());
    await cache.write(fp, line, "cpu");
    const file = cache.fileFor(fp, "cpu");
    writeFileSync(file, "{ not json");
    expect(await cache.read(fp, "cpu")).toBeNull();
    writeFileSync(file, JSON.stringify({ fingerprint: fp, calibration: { ...line, perIdMs: 0 } }));
    expect(await cache.read(fp, "cpu")).toBeNull();
    writeFileSync(file, JSON.stringify({ fingerprint: fp, calibration: { ...line, fixedMs: -1 } }));
    expect(await cache.read(fp, "cpu")).toBeNull();
  });

  it("clears every file", async () => {
    const cache = new CalibrationCache(dir());
    await cache.write(fp, line, "cpu");
    await cache.write(fp, line, "webgpu");
    expect(await cache.clear()).toBe(2);
    expect(readdirSync(cache.dir)).toEqual([]);
  });
});

describe("calibration values", () => {
  it("accepts a cost line and rejects what is not one", () => {
    expect(isCalibration(line)).toBe(true);
    expect(isCalibration({ ...line, audioMsPerId: null })).toBe(true);
    expect(isCalibration({ ...line, perIdMs: Number.POSITIVE_INFINITY })).toBe(false);
    expect(isCalibration({ ...line, at: 5 })).toBe(false);
    expect(isCalibration(null)).toBe(false);
  });

  it("the short probe is the start of the full probe", () => {
    const ids = Array.from({ length: 33 }, (_, i) => i + 1);
    expect(shortProbeIds({ ids, style: new Float32Array(256), speed: 1 })).toEqual(ids.slice(0, SHORT_PROBE_IDS));
  });
});
