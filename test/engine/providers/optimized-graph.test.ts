import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { withPads } from "../../../src/engine/engine.js";
import type { InferenceWorker } from "../../../src/engine/worker/handle.js";
import { thisMachine } from "../../../src/engine/providers/fingerprint.js";
import { openPool, type OpenedPool, type PoolSpec } from "../../../src/engine/providers/open-pool.js";
import { CPU_CANDIDATE, ortPlatform } from "../../../src/engine/providers/platform.js";
import { MIN_MAPPED_BYTES } from "../../../src/engine/providers/mapped-weights.js";
import { sha256File } from "../../../src/assets/installed-file.js";
import { decodeFixtureAudio } from "../../helpers/fixture-audio.js";
import { FIXTURE_MODEL, FIXTURE_MODEL_HEAVY } from "../../helpers/paths.js";

const opened: OpenedPool[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).flatMap((o) => o.pool.workers.map((w) => w.close())));
});

async function spec(graphCacheDir: string | null, workers = 1, modelPath = FIXTURE_MODEL): Promise<PoolSpec> {
  return {
    modelPath,
    modelSha256: await sha256File(modelPath),
    candidate: CPU_CANDIDATE,
    workers,
    intraOpThreads: 1,
    interOpThreads: 1,
    graphCacheDir,
    onnxruntime: ortPlatform().version,
    machine: thisMachine(),
  };
}

async function open(s: PoolSpec): Promise<OpenedPool> {
  const o = await openPool(s);
  opened.push(o);
  return o;
}

async function audioOf(worker: InferenceWorker): Promise<Float32Array> {
  return (await worker.run(withPads([50, 51, 52]), new Float32Array(256).fill(0.2), 1)).audio;
}

describe("the optimized-graph cache", () => {
  it("optimizes and saves the graph on the first start; the next start loads it, with identical audio", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kokoro-graphs-"));
    const stages: string[] = [];
    const first = await open({ ...(await spec(dir, 2)), onProgress: (stage) => stages.push(stage) });
    expect(first.session.optimizedFromCache).toBe(false);
    expect(first.session.optimizedModelPath).toMatch(/kokoro-fixture-[0-9a-f]{12}-cpu-ort1\.\d+\.\d+-[0-9a-f]{8}\.onnx$/);
    expect(existsSync(first.session.optimizedModelPath!)).toBe(true);
    expect(readdirSync(dir)).toEqual([path.basename(first.session.optimizedModelPath!)]); // no temporary left
    expect(first.optimizeMs).toBeGreaterThan(0);
    expect(stages[0]).toBe("optimizing");

    const second = await open(await spec(dir, 2));
    expect(second.session).toMatchObject({ optimizedFromCache: true, optimizedModelPath: first.session.optimizedModelPath, workers: 2 });
    expect(second.optimizeMs).toBe(0);
    const [a, b, c] = await Promise.all([audioOf(first.pool.workers[0]!), audioOf(second.pool.workers[0]!), audioOf(second.pool.workers[1]!)]);
    expect(decodeFixtureAudio(a, { speed: 1 }).ids).toEqual([0, 50, 51, 52, 0]);
    expect(Buffer.from(b.buffer).equals(Buffer.from(a.buffer))).toBe(true);
    expect(Buffer.from(c.buffer).equals(Buffer.from(a.buffer))).toBe(true);
  });

  it("deletes a corrupt cached graph and builds it again", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kokoro-graphs-"));
    const first = await open(await spec(dir));
    const file = first.session.optimizedModelPath!;
    const good = await readFile(file);
    writeFileSync(file, "not an onnx graph");
    const warnings: string[] = [];
    const again = await open({ ...(await spec(dir)), log: { info: () => undefined, warn: (_f, m) => warnings.push(m) } });
    expect(warnings.join("\n")).toMatch(/cached optimized graph does not load/);
    expect(again.session).toMatchObject({ optimizedFromCache: false, optimizedModelPath: file });
    expect((await readFile(file)).equals(good)).toBe(true);
    expect(decodeFixtureAudio(await audioOf(again.pool.workers[0]!), { speed: 1 }).ids).toEqual([0, 50, 51, 52, 0]);
  });

  it("with the cache off, optimizes in memory and saves nothing", async () => {
    const none = await open(await spec(null));
    expect(none.session).toMatchObject({ optimizedModelPath: null, optimizedFromCache: false, graphOptimizationLevel: "all" });
  });
});

// The heavy fixture: the light one has no initializer of MIN_MAPPED_BYTES, so its mapped graph maps nothing.
describe("mapped weights", () => {
  it("saves the graph with its weights in a file of their own; the next start maps them, with identical audio", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kokoro-graphs-"));
    const inline = await open(await spec(mkdtempSync(path.join(os.tmpdir(), "kokoro-graphs-")), 1, FIXTURE_MODEL_HEAVY));
    const first = await open({ ...(await spec(dir, 2, FIXTURE_MODEL_HEAVY)), mappedWeights: true });
    const file = first.session.optimizedModelPath!;
    expect(file).toMatch(/-[0-9a-f]{8}\.mapped\.onnx$/);
    expect(first.session.mappedWeights).toBe(true);
    expect(readdirSync(dir).sort()).toEqual([path.basename(file), `${path.basename(file)}.data`]); // no temporary left
    expect(statSync(`${file}.data`).size).toBeGreaterThanOrEqual(MIN_MAPPED_BYTES);
    const second = await open({ ...(await spec(dir, 2, FIXTURE_MODEL_HEAVY)), mappedWeights: true });
    expect(second.session).toMatchObject({ optimizedFromCache: true, optimizedModelPath: file, mappedWeights: true, workers: 2 });
    const [a, b, c, d] = await Promise.all([audioOf(inline.pool.workers[0]!), audioOf(first.pool.workers[1]!), audioOf(second.pool.workers[0]!), audioOf(second.pool.workers[1]!)]);
    expect(decodeFixtureAudio(a, { speed: 1 }).ids).toEqual([0, 50, 51, 52, 0]);
    for (const other of [b, c, d]) expect(Buffer.from(other.buffer).equals(Buffer.from(a.buffer))).toBe(true);
  });

  it("a weights file gone bad is deleted with its graph and both are built again", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kokoro-graphs-"));
    const first = await open({ ...(await spec(dir, 1, FIXTURE_MODEL_HEAVY)), mappedWeights: true });
    const file = first.session.optimizedModelPath!;
    writeFileSync(`${file}.data`, "truncated");
    const warnings: string[] = [];
    const again = await open({ ...(await spec(dir, 1, FIXTURE_MODEL_HEAVY)), mappedWeights: true, log: { info: () => undefined, warn: (_f, m) => warnings.push(m) } });
    expect(warnings.join("\n")).toMatch(/cached optimized graph does not load/);
    expect(again.session).toMatchObject({ optimizedFromCache: false, optimizedModelPath: file, mappedWeights: true });
    expect(statSync(`${file}.data`).size).toBeGreaterThanOrEqual(MIN_MAPPED_BYTES);
    expect(decodeFixtureAudio(await audioOf(again.pool.workers[0]!), { speed: 1 }).ids).toEqual([0, 50, 51, 52, 0]);
  });
});
