// Execution-provider choice end to end, on the real runtime and ONNX Runtime: a provider that fails to load
// (CUDA: its library is not installed on this machine) and providers whose audio is invalid (real ONNX files
// that output NaN or far too little audio, standing in for a broken provider) all end on the CPU with
// requests served; `auto` switches to a faster valid provider after its background benchmark, caches the
// decision by fingerprint and benchmarks again when the fingerprint changes.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.js";
import type { ProviderCandidate } from "../../src/engine/providers/types.js";
import { resolveVoice } from "../../src/engine/voices/index.js";
import { SpeechRuntime, type RuntimeOptions } from "../../src/runtime/runtime.js";
import type { RuntimeState } from "../../src/runtime/runtime-state.js";
import { prepareSpeech, synthesize } from "../../src/pipeline/speech.js";
import { concatFloat32 } from "../../src/audio/pcm.js";
import { COMMUNITY_NAMES, heavyFixtureModel } from "../../scripts/onnx/kokoro-fixture-graph.js";
import { encodeModel } from "../../scripts/onnx/onnx-proto.js";
import { CLI, FIXTURE_MODEL, FIXTURE_MODEL_HEAVY, MISAKI_DIR, VOICES_DIR } from "../helpers/paths.js";
import { listeningUrl, untilReady } from "../helpers/serve-process.js";
import { expectAudioOfPlan, parseWav, plannedChunks, plannedChunksStandalone, postSpeech, startTestServer, voiceStyle00 } from "../helpers/test-server.js";
import { writeBrokenModel } from "../helpers/broken-models.js";

type Ready = Extract<RuntimeState, { status: "ready" }>;

interface Started {
  readonly runtime: SpeechRuntime;
  /** The /health loading stages seen while starting, in order, without repeats. */
  readonly stages: string[];
  readonly logs: Array<{ msg: string; [key: string]: unknown }>;
  ready(): Ready;
  close(): Promise<void>;
}

async function startRuntime(flags: Record<string, unknown>, options: RuntimeOptions = {}): Promise<Started> {
  const { config } = loadConfig({
    env: { XDG_CONFIG_HOME: mkdtempSync(path.join(os.tmpdir(), "kokoro-prov-cfg-")) },
    flags: { model: FIXTURE_MODEL, voices: VOICES_DIR, lexicons: MISAKI_DIR, adaptiveCallSizing: false, intraOpThreads: 1, workers: 1, autoDownload: false, audioCacheMB: 0, ...flags },
  });
  const logs: Started["logs"] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) logs.push(JSON.parse(line) as Started["logs"][number]);
      done();
    },
  });
  const runtime = new SpeechRuntime(config, pino({ level: "info" }, sink), options);
  const stages: string[] = [];
  const watch = setInterval(() => {
    const state = runtime.state;
    // "starting" (before the assets are found) is seen or not depending on how fast the files are checked.
    if (state.status === "loading" && state.stage !== "starting" && stages.at(-1) !== state.stage) stages.push(state.stage);
  }, 2);
  try {
    await runtime.start();
  } finally {
    clearInterval(watch);
  }
  return {
    runtime,
    stages,
    logs,
    ready: () => {
      const state = runtime.state;
      if (state.status !== "ready") throw new Error(`runtime is ${state.status}`);
      return state;
    },
    close: () => runtime.close(),
  };
}

/** Speaks `text` through the runtime's pipeline and checks the audio is exactly the planned calls. */
async function expectServed(started: Started, text: string): Promise<void> {
  const { services } = started.ready();
  const voice = resolveVoice("af_sky", services.voices);
  if (!voice.ok) throw new Error(voice.message);
  const prepared = await prepareSpeech({ text, voice: voice.voice, speed: 1, lang: "en-us" }, services.frontEnd);
  const parts: Float32Array[] = [];
  for await (const chunk of synthesize(prepared, services)) parts.push(chunk.samples);
  expectAudioOfPlan(concatFloat32(parts), await plannedChunks(services.frontEnd, text), 1, (n) => voiceStyle00("af_sky", n));
}

async function until(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}

const tempCache = (): string => mkdtempSync(path.join(os.tmpdir(), "kokoro-prov-cache-"));

describe("execution provider fallback", () => {
  it("--device cuda where CUDA cannot load: serves on the CPU over HTTP and says why", async () => {
    const server = await startTestServer({ device: "cuda" });
    try {
      const status = await fetch(`${server.url}/health`);
      expect(status.status).toBe(200);
      const text = "Served anyway.";
      const res = await postSpeech(server.url, { input: text, voice: "af_sky", response_format: "wav", stream: false });
      expect(res.status).toBe(200);
      expectAudioOfPlan(parseWav(Buffer.from(await res.arrayBuffer())).samples, await plannedChunks(server.services.frontEnd, text), 1, (n) => voiceStyle00("af_sky", n));
    } finally {
      await server.close();
    }
    // The same through the runtime, to read its state and log.
    const started = await startRuntime({ device: "cuda", cacheDir: tempCache() });
    try {
      const { provider } = started.ready();
      expect(provider).toMatchObject({ name: "cpu", requested: "cuda", fallback: { from: "cuda" } });
      expect(provider.fallback!.error).toMatch(/cuda/i);
      expect(started.logs.find((l) => l.msg === "execution provider failed; falling back to cpu")).toMatchObject({ provider: "cuda" });
    } finally {
      await started.close();
    }
  }, 120_000);

  it.each([
    ["NaN", "nan", /produced invalid audio: \d+ of \d+ samples are NaN/],
    ["far too short", "short", /produced invalid audio: wrong length/],
  ] as const)("a provider whose audio is %s: falls back to the CPU, which serves", async (_what, kind, reason) => {
    const broken: ProviderCandidate = { name: "cuda", executionProviders: ["cpu"], modelPath: writeBrokenModel(kind) };
    const started = await startRuntime({ device: "cuda", cacheDir: tempCache() }, { providerCandidates: [broken] });
    try {
      const { provider, model } = started.ready();
      expect(provider).toMatchObject({ name: "cpu", requested: "cuda", fallback: { from: "cuda" } });
      expect(provider.fallback!.error).toMatch(reason);
      expect(model.path).toBe(FIXTURE_MODEL);
      await expectServed(started, "Still speaking, in order.");
    } finally {
      await started.close();
    }
  });
});

/** The heavy fixture's graph with a tenth of its work: the light fixture's audio within 1e-6, at a measurable cost. */
function writeMediumModel(): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "kokoro-medium-")), "medium.onnx");
  writeFileSync(file, encodeModel(heavyFixtureModel(COMMUNITY_NAMES, { width: 512, layers: 16, samplesPerRow: 150 })));
  return file;
}

describe("--device auto", () => {
  // The served model is a slower fixture; "fast" runs the light one (the same audio, far less compute),
  // standing in for a faster provider. The broken ones must lose without ever serving.
  const candidates = (): ProviderCandidate[] => [
    { name: "cuda", executionProviders: ["cuda"] },
    { name: "nan", executionProviders: ["cpu"], modelPath: writeBrokenModel("nan") },
    { name: "short", executionProviders: ["cpu"], modelPath: writeBrokenModel("short") },
    { name: "fast", executionProviders: ["cpu"], modelPath: FIXTURE_MODEL },
  ];

  it("gets ready on the CPU, benchmarks in the background, switches to the fastest valid provider and caches the decision by fingerprint", async () => {
    const cacheDir = tempCache();
    const flags = { device: "auto", model: writeMediumModel(), cacheDir };
    const list = candidates();
    const first = await startRuntime(flags, { providerCandidates: list, benchmarkRuns: 2 });
    try {
      // Ready at once on the CPU; requests are served while the benchmark runs.
      expect(first.ready().provider).toMatchObject({ name: "cpu", requested: "auto", cached: false, benchmark: null });
      await expectServed(first, "Served during the benchmark.");
      await until(() => first.ready().provider.benchmark !== null && !first.ready().provider.benchmarking);
      const { provider, session } = first.ready();
      expect(provider).toMatchObject({ name: "fast", cached: false, fallback: null });
      const trials = Object.fromEntries(provider.benchmark!.trials.map((t) => [t.name, t]));
      expect(trials.cpu).toMatchObject({ ok: true, error: null });
      expect(trials.fast).toMatchObject({ ok: true, error: null });
      expect(trials.fast!.medianMs!).toBeLessThan(trials.cpu!.medianMs!);
      expect(trials.cuda).toMatchObject({ ok: false, medianMs: null });
      expect(trials.nan!.error).toMatch(/NaN/);
      expect(trials.short!.error).toMatch(/wrong length: \d+ samples where the CPU gives \d+/);
      expect(session.workers).toBe(1);
      expect(first.ready().services.engine.modelPath).toBe(FIXTURE_MODEL); // now serving the "fast" candidate
      await expectServed(first, "Served after the switch.");
      expect(first.logs.some((l) => l.msg === "switched execution provider")).toBe(true);
    } finally {
      await first.close();
    }

    // Same fingerprint: the cached decision, no benchmark.
    const second = await startRuntime(flags, { providerCandidates: list, benchmarkRuns: 2 });
    try {
      expect(second.ready().provider).toMatchObject({ name: "fast", cached: true, benchmarking: false });
      expect(second.ready().provider.reason).toMatch(/^auto, cached: /);
      await expectServed(second, "From the cache.");
    } finally {
      await second.close();
    }

    // Another thread setting is another fingerprint: benchmarked again.
    const third = await startRuntime({ ...flags, intraOpThreads: 2 }, { providerCandidates: list, benchmarkRuns: 2 });
    try {
      expect(third.ready().provider).toMatchObject({ name: "cpu", cached: false });
      await until(() => third.ready().provider.benchmark !== null && !third.ready().provider.benchmarking);
      expect(third.ready().provider).toMatchObject({ name: "fast", cached: false });
    } finally {
      await third.close();
    }
    expect(readdirSync(path.join(cacheDir, "providers")).filter((f) => f.endsWith(".json"))).toHaveLength(2);
  }, 240_000);

  it("with nothing but the CPU here, uses the CPU without a benchmark; POST /admin/provider-cache/reset clears the cache", async () => {
    const cacheDir = tempCache();
    mkdirSync(path.join(cacheDir, "providers"));
    writeFileSync(path.join(cacheDir, "providers", "0123456789abcdef01234567.json"), "{}");
    const server = await startTestServer({ device: "auto", cacheDir });
    try {
      const reset = await fetch(`${server.url}/admin/provider-cache/reset`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
      expect(reset.status).toBe(200);
      const body = (await reset.json()) as { cleared: number; benchmarking: boolean; provider: { name: string; requested: string; reason: string } };
      expect(body).toMatchObject({ cleared: 1, benchmarking: false, provider: { name: "cpu", requested: "auto" } });
      expect(body.provider.reason).toMatch(/no other execution provider here/);
      expect(readdirSync(path.join(cacheDir, "providers"))).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe("the optimized-graph cache across restarts", () => {
  it("the second start loads the optimized graph saved by the first (no optimizing stage), and speaks identically", async () => {
    const cacheDir = tempCache();
    const speak = async (): Promise<{ audio: Buffer; session: Ready["session"]; optimizeMs: number; stages: string[] }> => {
      const started = await startRuntime({ device: "cpu", cacheDir, model: FIXTURE_MODEL_HEAVY });
      try {
        const { services, session, startup } = started.ready();
        const voice = resolveVoice("af_heart", services.voices);
        if (!voice.ok) throw new Error(voice.message);
        const prepared = await prepareSpeech({ text: "The same words twice.", voice: voice.voice, speed: 1, lang: "en-us" }, services.frontEnd);
        const parts: Float32Array[] = [];
        for await (const chunk of synthesize(prepared, services)) parts.push(chunk.samples);
        return { audio: Buffer.from(concatFloat32(parts).buffer), session, optimizeMs: startup.optimizeMs, stages: started.stages };
      } finally {
        await started.close();
      }
    };
    const first = await speak();
    const second = await speak();
    // /health said "optimizing" only while the first start built the graph.
    expect(first.stages).toEqual(["loading", "optimizing", "loading", "warming"]);
    expect(second.stages).toEqual(["loading", "warming"]);
    expect(first.session.optimizedFromCache).toBe(false);
    expect(first.optimizeMs).toBeGreaterThan(0);
    expect(second.session).toMatchObject({ optimizedFromCache: true, optimizedModelPath: first.session.optimizedModelPath });
    expect(second.optimizeMs).toBe(0);
    expect(path.dirname(second.session.optimizedModelPath!)).toBe(path.join(cacheDir, "optimized"));
    expect(second.audio.equals(first.audio)).toBe(true);
  }, 120_000);
});

describe("--device webgpu", () => {
  // onnxruntime-node bundles WebGPU; with no GPU adapter (these machines) its session fails to load. In a child
  // process, because the GPU libraries print their own warnings to stderr, which would land in the test output.
  it("with no GPU adapter: serves on the CPU and says why in /status", async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), "kokoro-webgpu-"));
    const proc = spawn(process.execPath, [CLI, "serve", "--port", "0", "--model", FIXTURE_MODEL, "--voices", VOICES_DIR, "--lexicons", MISAKI_DIR, "--device", "webgpu"], {
      env: { ...process.env, KOKORO_HOME: home, XDG_CONFIG_HOME: home },
    });
    let stderr = "";
    proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    try {
      const url = await listeningUrl(proc, () => stderr);
      await untilReady(url, () => stderr);
      const status = (await (await fetch(`${url}/status`)).json()) as { provider: { name: string; requested: string; fallback: { from: string; error: string } | null } };
      expect(status.provider).toMatchObject({ name: "cpu", requested: "webgpu", fallback: { from: "webgpu" } });
      expect(status.provider.fallback!.error).toMatch(/adapter|webgpu/i);
      const text = "Served anyway.";
      const res = await postSpeech(url, { input: text, voice: "af_sky", response_format: "wav", stream: false });
      expect(res.status).toBe(200);
      expectAudioOfPlan(parseWav(Buffer.from(await res.arrayBuffer())).samples, await plannedChunksStandalone(text), 1, (n) => voiceStyle00("af_sky", n));
    } finally {
      proc.kill("SIGKILL");
    }
  }, 120_000);
});
