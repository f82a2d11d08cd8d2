import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePrometheusText, sampleSum, type Exposition } from "../helpers/prometheus-text.js";
import { z } from "zod";
import WebSocket from "ws";
import { postSpeech, startTestServer, type TestServer } from "../helpers/test-server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ audioCacheMB: 16 });
});
afterAll(() => server.close());

async function scrape(): Promise<Exposition> {
  const res = await fetch(`${server.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(await res.text());
}

/** A counter or gauge's value (summed over matching label sets); for a histogram, its observation count. */
function value(exposition: Exposition, name: string, labels: Record<string, string> = {}): number {
  const type = exposition.types.get(name);
  if (!type) throw new Error(`no metric ${name}`);
  return sampleSum(exposition, type === "histogram" ? `${name}_count` : name, labels);
}

describe("/metrics", () => {
  it("is Prometheus text with every family the operator needs", async () => {
    const exposition = await scrape();
    for (const [name, type] of [
      ["kokoro_ttfa_seconds", "histogram"],
      ["kokoro_rtf", "histogram"],
      ["kokoro_inference_seconds", "histogram"],
      ["kokoro_queue_wait_seconds", "histogram"],
      ["kokoro_requests_total", "counter"],
      ["kokoro_input_characters_total", "counter"],
      ["kokoro_audio_seconds_total", "counter"],
      ["kokoro_cache_hits_total", "counter"],
      ["kokoro_cache_misses_total", "counter"],
      ["kokoro_fallbacks_total", "counter"],
      ["kokoro_cancellations_total", "counter"],
      ["kokoro_active_streams", "gauge"],
      ["kokoro_queue_depth", "gauge"],
      ["kokoro_rss_bytes", "gauge"],
    ] as const) {
      expect(exposition.types.get(name), name).toBe(type);
    }
    expect(value(exposition, "kokoro_rss_bytes")).toBeGreaterThan(10_000_000);
  });

  it("counters and histograms move with requests", async () => {
    const before = await scrape();
    const text = "Metrics should move when we speak.";
    const a = await postSpeech(server.url, { input: text, voice: "af_heart", response_format: "wav", stream: false });
    expect(a.status).toBe(200);
    const b = await postSpeech(server.url, { input: text, voice: "af_heart", response_format: "pcm" }); // streamed, same calls: cache hits
    expect(b.status).toBe(200);
    await b.arrayBuffer();
    const bad = await postSpeech(server.url, { input: text, voice: "nobody" });
    expect(bad.status).toBe(400);
    // The request counter is updated when the response has gone out; give the streamed one a moment.
    await new Promise((r) => setTimeout(r, 50));
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}): number => value(after, name, labels) - value(before, name, labels);

    expect(delta("kokoro_requests_total", { route: "/v1/audio/speech", status: "200" })).toBe(2);
    expect(delta("kokoro_requests_total", { route: "/v1/audio/speech", status: "400" })).toBe(1);
    expect(delta("kokoro_input_characters_total")).toBe(2 * text.length);
    const audioS = Number(a.headers.get("x-audio-duration"));
    expect(delta("kokoro_audio_seconds_total")).toBeCloseTo(2 * audioS, 2);
    expect(delta("kokoro_ttfa_seconds")).toBe(2); // histogram _count
    expect(delta("kokoro_rtf")).toBe(2);
    expect(delta("kokoro_inference_seconds")).toBeGreaterThanOrEqual(1);
    expect(delta("kokoro_cache_misses_total")).toBeGreaterThanOrEqual(1);
    expect(delta("kokoro_cache_hits_total")).toBe(delta("kokoro_cache_misses_total"));
    expect(value(after, "kokoro_active_streams")).toBe(0);
  });

  it("counts a client that goes away mid-stream as a cancellation", async () => {
    // A paced server (2 s look-ahead), so the stream is surely unfinished when the client leaves.
    const paced = await startTestServer({ maxAheadSeconds: 2 });
    try {
      const controller = new AbortController();
      const res = await postSpeech(paced.url, { input: "A long text to cancel. ".repeat(80), voice: "af_heart", response_format: "pcm" }, controller.signal);
      const reader = res.body!.getReader();
      await reader.read();
      controller.abort();
      await expect(reader.read()).rejects.toThrow();
      let cancelled = 0;
      let exposition: Exposition | null = null;
      for (let i = 0; i < 100 && cancelled === 0; i++) {
        await new Promise((r) => setTimeout(r, 20));
        const res = await fetch(`${paced.url}/metrics`);
        exposition = parsePrometheusText(await res.text());
        cancelled = value(exposition, "kokoro_cancellations_total");
      }
      expect(cancelled).toBe(1);
      // The request is counted too, as 499 (client closed request), not lost.
      expect(value(exposition!, "kokoro_requests_total", { route: "/v1/audio/speech", status: "499" })).toBe(1);
    } finally {
      await paced.close();
    }
  });

  it("times WebSocket sessions too", async () => {
    const before = await scrape();
    const ws = new WebSocket(`${server.url.replace("http", "ws")}/v1/audio/speech/ws`);
    const done = new Promise<void>((resolve, reject) => {
      ws.on("message", (data, isBinary) => {
        if (!isBinary && (JSON.parse(data.toString()) as { type: string }).type === "done") resolve();
      });
      ws.on("error", reject);
    });
    await new Promise((r) => ws.once("open", r));
    ws.send(JSON.stringify({ type: "start", voice: "af_heart", response_format: "pcm" }));
    ws.send(JSON.stringify({ type: "text", text: "Hello from a socket." }));
    ws.send(JSON.stringify({ type: "end" }));
    await done;
    const after = await scrape();
    expect(value(after, "kokoro_ttfa_seconds", { route: "/v1/audio/speech/ws" }) - value(before, "kokoro_ttfa_seconds", { route: "/v1/audio/speech/ws" })).toBe(1);
    expect(value(after, "kokoro_input_characters_total", { route: "/v1/audio/speech/ws" }) - value(before, "kokoro_input_characters_total", { route: "/v1/audio/speech/ws" })).toBe("Hello from a socket.".length);
  });
});

const percentiles = z.object({ count: z.number().int(), p50: z.number().nullable(), p95: z.number().nullable() });
const statusSchema = z.object({
  status: z.literal("ready"),
  uptime_s: z.number().int().nonnegative(),
  platform: z.object({ os: z.string(), arch: z.string(), cpu: z.string(), cores: z.number().int().positive() }),
  memory: z.object({ rss_bytes: z.number().positive(), heap_used_bytes: z.number().positive() }).passthrough(),
  requests: z.object({ active_streams: z.number().int(), ttfa_ms: percentiles, rtf: percentiles }),
  settings: z.object({ workers: z.number(), apiKeys: z.unknown() }).passthrough(),
  model: z.object({ file: z.string(), variant: z.string().nullable(), voices: z.string(), voice_count: z.number().int().positive(), voices_in_memory: z.number().int().positive() }).passthrough(),
  startup: z.object({ total_ms: z.number().nonnegative(), download_ms: z.number(), load_ms: z.number(), optimize_ms: z.number(), warm_up_ms: z.number() }),
  provider: z.object({ name: z.string(), requested: z.string(), reason: z.string(), fallback: z.unknown() }).passthrough(),
  session: z.object({ workers: z.number().int().positive(), intraOpThreads: z.number().int().positive(), interOpThreads: z.number().int().positive() }).passthrough(),
  onnxruntime: z.object({ version: z.string() }).passthrough(),
  scheduler: z.object({ workers: z.number(), queued: z.number(), completed: z.number(), dropped: z.number(), rejected: z.number() }).passthrough(),
  cache: z.object({ hits: z.number(), misses: z.number(), bytes: z.number(), maxBytes: z.number() }).passthrough().nullable(),
  g2p: z.object({ name: z.string() }).passthrough(),
});

describe("/status", () => {
  it("describes the running server and recent requests", async () => {
    const res = await postSpeech(server.url, { input: "Status, please.", voice: "af_heart", response_format: "wav", stream: false });
    expect(res.status).toBe(200);
    const status = statusSchema.parse(await (await fetch(`${server.url}/status`)).json());
    expect(status.requests.ttfa_ms.count).toBeGreaterThanOrEqual(1);
    expect(status.requests.ttfa_ms.p50).toBeGreaterThan(0);
    expect(status.requests.rtf.p95).toBeGreaterThan(0);
    expect(status.scheduler.completed).toBeGreaterThanOrEqual(1);
    expect(status.provider).toMatchObject({ name: "cpu", requested: "cpu", fallback: null });
    expect(status.model.file).toMatch(/kokoro-fixture\.onnx$/);
    // Voices are read on first use: the ones spoken so far, not all 54.
    expect(status.model.voices_in_memory).toBeLessThan(status.model.voice_count);
  });

  it("never shows API keys", async () => {
    const keyed = await startTestServer({ apiKeys: "sekret-key-123" });
    try {
      const res = await fetch(`${keyed.url}/status`, { headers: { authorization: "Bearer sekret-key-123" } });
      const text = await res.text();
      expect(res.status).toBe(200);
      expect(text).not.toContain("sekret-key-123");
    } finally {
      await keyed.close();
    }
  });
});

describe("scheduled self-benchmark", () => {
  it("is off by default", async () => {
    const status = (await (await fetch(`${server.url}/status`)).json()) as { self_benchmark: { every_minutes: number; last: unknown } };
    expect(status.self_benchmark).toMatchObject({ every_minutes: 0, last: null });
  });

  it("when on, runs in the background, writes a JSON report and summarizes it in /status", async () => {
    const { mkdtempSync, readFileSync } = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const reportsDir = mkdtempSync(path.join(os.tmpdir(), "kokoro-reports-"));
    const benched = await startTestServer({ selfBenchmarkMinutes: 0.01, reportsDir });
    try {
      let last: { reportFile: string; results: Record<string, { rtf: number; audioS: number }> } | null = null;
      for (let i = 0; i < 200 && !last; i++) {
        await new Promise((r) => setTimeout(r, 50));
        last = ((await (await fetch(`${benched.url}/status`)).json()) as { self_benchmark: { last: typeof last } }).self_benchmark.last;
      }
      expect(last).not.toBeNull();
      expect(path.dirname(last!.reportFile)).toBe(reportsDir);
      const report = JSON.parse(readFileSync(last!.reportFile, "utf8")) as { results: Record<string, { audioS: number; rtf: number }> };
      expect(Object.keys(report.results)).toEqual(["sentence", "paragraph"]);
      for (const r of Object.values(report.results)) {
        expect(r.audioS).toBeGreaterThan(0);
        expect(r.rtf).toBeGreaterThan(0);
      }
      // Requests are still served while it runs.
      const res = await postSpeech(benched.url, { input: "Still here.", voice: "af_heart", response_format: "wav", stream: false });
      expect(res.status).toBe(200);
    } finally {
      await benched.close();
    }
  });
});
