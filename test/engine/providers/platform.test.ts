import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { autoCandidates, webgpuDriverPresent, type OrtPlatform } from "../../../src/engine/providers/platform.js";

const linuxLike: OrtPlatform = {
  version: "1.30.0",
  backends: [
    { name: "cpu", bundled: true },
    { name: "webgpu", bundled: true },
    { name: "tensorrt", bundled: false },
  ],
};

describe("autoCandidates", () => {
  it("benchmarks WebGPU when a GPU driver is there, and says why not when it is not", () => {
    expect(autoCandidates(linuxLike, () => true).candidates.map((c) => c.name)).toEqual(["webgpu"]);
    const without = autoCandidates(linuxLike, () => false);
    expect(without.candidates).toEqual([]);
    expect(without.skipped.find((s) => s.name === "webgpu")?.why).toMatch(/no GPU driver/);
    expect(without.skipped.find((s) => s.name === "tensorrt")?.why).toMatch(/not a --device choice/);
  });
});

describe.runIf(process.platform === "linux")("webgpuDriverPresent (Linux: a Vulkan ICD manifest)", () => {
  it("looks for an ICD manifest, or a variable naming one", () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), "icd-"));
    expect(webgpuDriverPresent({}, [empty, path.join(empty, "missing")])).toBe(false);
    expect(webgpuDriverPresent({ VK_ICD_FILENAMES: "/opt/gpu/icd.json" }, [empty])).toBe(true);
    const withDriver = path.join(empty, "icd.d");
    mkdirSync(withDriver);
    writeFileSync(path.join(withDriver, "nvidia_icd.json"), "{}");
    expect(webgpuDriverPresent({}, [empty, withDriver])).toBe(true);
  });
});
