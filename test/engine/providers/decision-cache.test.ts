import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ProviderDecisionCache, type ProviderDecision } from "../../../src/engine/providers/decision-cache.js";
import { fingerprintKey, providerFingerprint, type ProviderFingerprint } from "../../../src/engine/providers/fingerprint.js";

const machine = { cpu: "AMD EPYC 7B13", cores: 2, os: "linux 6.1.0 x64" };
const base = providerFingerprint({
  modelSha256: "ab".repeat(32),
  onnxruntime: "1.30.0",
  candidates: [{ name: "cpu", executionProviders: ["cpu"] }, { name: "cuda", executionProviders: ["cuda"] }],
  threads: { workers: 1, intraOpThreads: 2, interOpThreads: 1 },
  machine,
});
const decision: ProviderDecision = {
  name: "cuda",
  reason: "auto: cuda was fastest",
  benchmark: { probeIds: 30, runs: 5, at: "2026-01-01T00:00:00.000Z", trials: [{ name: "cuda", ok: true, loadMs: 900, medianMs: 3, p95Ms: 4, error: null }] },
};

function cacheDir(): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), "kokoro-decisions-")), "providers");
}

describe("the provider decision cache", () => {
  it("returns the decision for the same fingerprint, also from a new cache object (a restart)", async () => {
    const dir = cacheDir();
    await new ProviderDecisionCache(dir).write(base, decision);
    expect(await new ProviderDecisionCache(dir).read({ ...base, threads: { ...base.threads } })).toEqual(decision);
  });

  const changes: Array<[string, ProviderFingerprint]> = [
    ["model sha256", { ...base, modelSha256: "cd".repeat(32) }],
    ["onnxruntime version", { ...base, onnxruntime: "1.31.0" }],
    ["CPU model", { ...base, cpu: "Apple M3" }],
    ["core count", { ...base, cores: 16 }],
    ["OS", { ...base, os: "linux 6.8.0 x64" }],
    ["provider list", { ...base, providers: ["cpu=cpu"] }],
    ["worker count", { ...base, threads: { ...base.threads, workers: 2 } }],
    ["intra-op threads", { ...base, threads: { ...base.threads, intraOpThreads: 1 } }],
    ["inter-op threads", { ...base, threads: { ...base.threads, interOpThreads: 2 } }],
  ];
  it.each(changes)("finds no decision when the %s changes (so auto benchmarks again)", async (_what, changed) => {
    const cache = new ProviderDecisionCache(cacheDir());
    await cache.write(base, decision);
    expect(fingerprintKey(changed)).not.toBe(fingerprintKey(base));
    expect(await cache.read(changed)).toBeNull();
    expect(await cache.read(base)).toEqual(decision);
  });

  it("ignores a file whose stored fingerprint differs from its name's, and an unreadable one", async () => {
    const cache = new ProviderDecisionCache(cacheDir());
    await cache.write(base, decision);
    const other = { ...base, cores: 64 };
    writeFileSync(cache.fileFor(other), JSON.stringify({ fingerprint: base, decision }));
    expect(await cache.read(other)).toBeNull();
    writeFileSync(cache.fileFor(base), "{ not json");
    expect(await cache.read(base)).toBeNull();
  });

  it("clear() removes every decision and says how many", async () => {
    const dir = cacheDir();
    const cache = new ProviderDecisionCache(dir);
    await cache.write(base, decision);
    await cache.write({ ...base, cores: 4 }, decision);
    expect(await cache.clear()).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
    expect(await cache.read(base)).toBeNull();
    expect(await cache.clear()).toBe(0);
  });
});
