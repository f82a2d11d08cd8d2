// `npm run bench -- load [--clients 32] [--seconds 120] [--soak-seconds 600] [--soak-clients 8] [--model light|heavy|shaped|FILE]`:
// load and soak on loopback, against the real `kokoro serve` process (a child, so its RSS is its own) with a
// fixture model, adaptive call sizing off (the plan is deterministic) and the audio cache on. With a model whose
// audio is not the fixtures' tones (shaped, a file), responses are checked for status and completeness only.
//
// Load: N clients, each sending requests back to back, picked by fixed weights: short (one sentence, wav,
// stream:false), long (three paragraphs, streamed pcm), streamed wav, SSE (pcm in base64 deltas), cancelled
// (streamed pcm, hung up at the first bytes or after a random delay) and mp3. Every complete pcm/wav/SSE
// response must decode to exactly the calls the front-end plans for its text (and each call to its voice's
// amplitude); the audio a cancelled request got before hanging up must be a prefix of that plan. Any 5xx,
// hang (no answer within --timeout-ms) or connection error is a failure.
// Soak: a steadier mix with fewer clients for --soak-seconds, sampling the server's RSS from /status:
// growth after warm-up (the first 10%, at most 60 s) and the slope of a line fitted to the later samples.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { createG2P } from "../src/g2p/index.js";
import type { Lang } from "../src/text/lang.js";
import { CLI, MISAKI_DIR, VOICES_DIR } from "../test/helpers/paths.js";
import { parsePrometheusText } from "../test/helpers/prometheus-text.js";
import {
  KINDS,
  LOAD_WEIGHTS,
  LONG_TEXTS,
  looksLikeMp3,
  pickKind,
  planRequest,
  Plans,
  rng,
  send,
  SHORT_TEXTS,
  SOAK_WEIGHTS,
  Verifier,
  type Kind,
} from "./load-client.js";
import { takeModelOption } from "./model-option.js";
import { machine, summarize } from "./stats.js";
import { listeningUrl, untilReady } from "../test/helpers/serve-process.js";

const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const MB = 2 ** 20;

// ---------------------------------------------------------------------------------------------------------
// The server: `kokoro serve` as a child process.

interface ChildServer {
  readonly url: string;
  readonly proc: ChildProcessWithoutNullStreams;
  readonly home: string;
  /** Log lines at warn level or above, counted by message, with the first few error lines kept whole. */
  readonly logs: { byMsg: Map<string, number>; errors: string[] };
}

async function startChild(model: string): Promise<ChildServer> {
  const home = mkdtempSync(path.join(os.tmpdir(), "kokoro-load-"));
  const proc = spawn(
    process.execPath,
    [CLI, "serve", "--port", "0", "--model", model, "--voices", VOICES_DIR, "--lexicons", MISAKI_DIR, "--log-level", "warn"],
    {
      env: {
        ...process.env,
        KOKORO_HOME: home,
        XDG_CONFIG_HOME: home,
        KOKORO_DEVICE: "cpu",
        KOKORO_ADAPTIVE_CALL_SIZING: "false",
        KOKORO_AUDIO_CACHE_MB: "64",
        KOKORO_MAX_ACTIVE_REQUESTS: "64",
      },
    },
  );
  const logs = { byMsg: new Map<string, number>(), errors: [] as string[] };
  let stderr = "";
  let partial = "";
  proc.stderr.on("data", (d: Buffer) => {
    const text = d.toString();
    stderr = (stderr + text).slice(-20_000);
    partial += text;
    const lines = partial.split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.startsWith("{")) continue;
      try {
        const entry = JSON.parse(line) as { level?: number; msg?: string };
        if ((entry.level ?? 0) < 40) continue;
        const key = `${entry.level === 40 ? "warn" : "error"}: ${entry.msg ?? "?"}`;
        logs.byMsg.set(key, (logs.byMsg.get(key) ?? 0) + 1);
        if ((entry.level ?? 0) >= 50 && logs.errors.length < 3) logs.errors.push(line.slice(0, 1500));
      } catch {
        // not a log line
      }
    }
  });
  const url = await listeningUrl(proc, () => stderr);
  await untilReady(url, () => stderr);
  return { url, proc, home, logs };
}

/** SIGTERM, then the exit code (SIGKILL after 30 s: reported as a hang on shutdown). */
async function stopChild(server: ChildServer): Promise<Record<string, unknown>> {
  if (server.proc.exitCode !== null) return { exitCode: server.proc.exitCode, alreadyExited: true };
  const started = performance.now();
  const exited = once(server.proc, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  server.proc.kill("SIGTERM");
  const timeout = sleep(30_000).then(() => null);
  const result = await Promise.race([exited, timeout]);
  if (result === null) {
    server.proc.kill("SIGKILL");
    await exited;
    return { exitCode: null, signal: "SIGKILL", killedAfterMs: 30_000 };
  }
  return { exitCode: result[0], signal: result[1], exitMs: Math.round(performance.now() - started) };
}

interface StatusDoc {
  memory: { rss_bytes: number; heap_used_bytes: number; external_bytes: number; array_buffers_bytes: number };
  requests: { active_streams: number; ttfa_ms: unknown; rtf: unknown };
  settings?: Record<string, unknown>;
  scheduler?: { busy: number; queued: number } & Record<string, unknown>;
  cache?: Record<string, unknown> | null;
}

async function status(url: string): Promise<StatusDoc> {
  const res = await fetch(`${url}/status`);
  if (res.status !== 200) throw new Error(`/status answered ${res.status}`);
  return (await res.json()) as StatusDoc;
}

/** Waits (at most `ms`) until no stream is active and the scheduler has nothing running or queued. */
async function settle(url: string, ms = 15_000): Promise<{ settled: boolean; waitedMs: number; activeStreams: number; busy: number; queued: number }> {
  const started = performance.now();
  for (;;) {
    const s = await status(url);
    const busy = s.scheduler?.busy ?? 0;
    const queued = s.scheduler?.queued ?? 0;
    const idle = s.requests.active_streams === 0 && busy === 0 && queued === 0;
    const waitedMs = Math.round(performance.now() - started);
    if (idle || waitedMs > ms) return { settled: idle, waitedMs, activeStreams: s.requests.active_streams, busy, queued };
    await sleep(100);
  }
}

/** Server-side counts from /metrics: speech requests by status class, cancellations. */
async function metricsCounts(url: string): Promise<Record<string, unknown>> {
  try {
    const text = await (await fetch(`${url}/metrics`)).text();
    const exposition = parsePrometheusText(text);
    const byStatus: Record<string, number> = {};
    for (const s of exposition.samples) {
      if (s.name !== "kokoro_requests_total" || s.labels.route !== "/v1/audio/speech") continue;
      const key = s.labels.status ?? "?";
      byStatus[key] = (byStatus[key] ?? 0) + s.value;
    }
    const sum = (name: string): number => exposition.samples.filter((s) => s.name === name).reduce((a, s) => a + s.value, 0);
    return {
      speechRequestsByStatus: byStatus,
      cancellations: sum("kokoro_cancellations_total"),
      schedulerDropped: sum("kokoro_scheduler_dropped_total"),
      schedulerRejected: sum("kokoro_scheduler_rejected_total"),
      cacheHits: sum("kokoro_cache_hits_total"),
      cacheMisses: sum("kokoro_cache_misses_total"),
    };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** Cumulative bucket counts of the server's `kokoro_ttfa_seconds{route="/v1/audio/speech"}` histogram. */
async function serverTtfaBuckets(url: string): Promise<Map<number, number>> {
  const buckets = new Map<number, number>();
  try {
    const exposition = parsePrometheusText(await (await fetch(`${url}/metrics`)).text());
    for (const s of exposition.samples) {
      if (s.name !== "kokoro_ttfa_seconds_bucket" || s.labels.route !== "/v1/audio/speech") continue;
      const le = s.labels.le === "+Inf" ? Infinity : Number(s.labels.le);
      buckets.set(le, (buckets.get(le) ?? 0) + s.value);
    }
  } catch {
    // reported as an empty histogram
  }
  return buckets;
}

/** The server's own TTFA over a phase (bucket deltas): count and the bucket bounds its median and p95 fall under. */
function serverTtfaSummary(before: Map<number, number>, after: Map<number, number>): Record<string, unknown> {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const counts = bounds.map((le) => (after.get(le) ?? 0) - (before.get(le) ?? 0));
  const total = counts.at(-1) ?? 0;
  const bound = (q: number): number | string | null => {
    if (total === 0) return null;
    const i = counts.findIndex((c) => c >= q * total);
    const le = bounds[i];
    return le === undefined ? null : le === Infinity ? "+Inf" : le * 1000;
  };
  return { count: total, p50AtMostMs: bound(0.5), p95AtMostMs: bound(0.95) };
}

// ---------------------------------------------------------------------------------------------------------
// A phase: N client loops for a fixed time, everything they saw counted.

interface KindStats {
  sent: number;
  /** 200 and read to the end. */
  completed: number;
  /** Completed and decoded to the exact plan (pcm/wav/SSE), or a valid-looking mp3. */
  verified: number;
  hungUp: number;
  /** Cancelled requests whose response ended before the hang-up was due (verified in full). */
  completedBeforeHangUp: number;
  ttfaMs: number[];
  totalMs: number[];
}

class Phase {
  readonly kinds = Object.fromEntries(KINDS.map((k) => [k, { sent: 0, completed: 0, verified: 0, hungUp: 0, completedBeforeHangUp: 0, ttfaMs: [], totalMs: [] }])) as unknown as Record<Kind, KindStats>;
  readonly statuses: Record<string, number> = {};
  fivexx = 0;
  fivexxExamples: string[] = [];
  tooMany429 = 0;
  unavailable503 = 0;
  otherErrors: string[] = [];
  otherErrorCount = 0;
  hangs = 0;
  hangExamples: string[] = [];
  connectionErrors = 0;
  connectionErrorExamples: string[] = [];
  decodeMismatches = 0;
  mismatchExamples: Record<string, unknown>[] = [];
  amplitudeMismatches = 0;
  amplitudeExamples: string[] = [];
  mp3Invalid = 0;
  audioSeconds = 0;
  calls = 0;
  rss: { tS: number; rssMB: number; heapMB: number; activeStreams: number }[] = [];
  wallS = 0;
  clientLoopDelayMs: Record<string, number> = {};
  serverTtfa: Record<string, unknown> = {};
}

interface PhaseOptions {
  readonly clients: number;
  readonly seconds: number;
  readonly weights: Readonly<Record<Kind, number>>;
  readonly timeoutMs: number;
  readonly seed: number;
  readonly rssEveryS: number;
  readonly label: string;
}

async function runPhase(url: string, verifier: Verifier, options: PhaseOptions): Promise<Phase> {
  const phase = new Phase();
  const ttfaBefore = await serverTtfaBuckets(url);
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  let stopSampling = false;
  const sampler = (async () => {
    while (!stopSampling) {
      try {
        const s = await status(url);
        phase.rss.push({ tS: round((performance.now() - started) / 1000, 1), rssMB: round(s.memory.rss_bytes / MB, 1), heapMB: round(s.memory.heap_used_bytes / MB, 1), activeStreams: s.requests.active_streams });
      } catch {
        // counted by the clients if the server is gone
      }
      const next = performance.now() + options.rssEveryS * 1000;
      while (!stopSampling && performance.now() < next) await sleep(Math.min(250, next - performance.now()));
    }
  })();
  const progress = setInterval(() => {
    const sent = KINDS.reduce((n, k) => n + phase.kinds[k].sent, 0);
    const last = phase.rss.at(-1);
    console.error(
      `[load:${options.label}] ${Math.round((performance.now() - started) / 1000)}s sent=${sent} 5xx=${phase.fivexx} 429=${phase.tooMany429} 503=${phase.unavailable503} ` +
        `hangs=${phase.hangs} connErr=${phase.connectionErrors} mismatches=${phase.decodeMismatches} rss=${last?.rssMB ?? "?"}MB`,
    );
  }, 10_000);

  const client = async (index: number): Promise<void> => {
    const random = rng(options.seed * 1000 + index);
    while (performance.now() < deadline) {
      const kind = pickKind(random, options.weights);
      const planned = planRequest(kind, random);
      const stats = phase.kinds[kind];
      stats.sent++;
      const res = await send(url, planned, options.timeoutMs);
      const label = `${kind} ${planned.voice} speed ${planned.speed} ${JSON.stringify(planned.text.slice(0, 40))}`;
      if (res.timedOut) {
        phase.hangs++;
        if (phase.hangExamples.length < 3) phase.hangExamples.push(`${label}: status ${res.status}, ${res.body.length} bytes after ${Math.round(res.totalMs)} ms`);
        continue;
      }
      if (res.status !== 0) phase.statuses[res.status] = (phase.statuses[res.status] ?? 0) + 1;
      if (res.error !== null) {
        phase.connectionErrors++;
        if (phase.connectionErrorExamples.length < 3) phase.connectionErrorExamples.push(`${label}: status ${res.status}: ${res.error}`);
        continue;
      }
      if (res.status >= 500) {
        phase.fivexx++;
        if (res.status === 503) phase.unavailable503++;
        if (phase.fivexxExamples.length < 3) phase.fivexxExamples.push(`${label}: ${res.status} ${res.body.toString("utf8").slice(0, 300)}`);
        if (res.status === 503) await sleep(200);
        continue;
      }
      if (res.status === 429) {
        phase.tooMany429++;
        await sleep(200);
        continue;
      }
      if (res.status !== 200 && !(res.hungUp && res.status === 0)) {
        phase.otherErrorCount++;
        if (phase.otherErrors.length < 3) phase.otherErrors.push(`${label}: ${res.status} ${res.body.toString("utf8").slice(0, 300)}`);
        continue;
      }
      if (res.ttfaMs !== null && planned.body.stream !== false) stats.ttfaMs.push(res.ttfaMs);
      if (res.hungUp) {
        stats.hungUp++;
        const problem = await verifier.verifyPrefix(planned, res);
        if (problem !== null) {
          phase.decodeMismatches++;
          if (phase.mismatchExamples.length < 3) phase.mismatchExamples.push({ request: label, hangUp: planned.hangUp, bytes: res.body.length, problem });
        }
        continue;
      }
      stats.completed++;
      stats.totalMs.push(res.totalMs);
      if (kind === "cancelled") stats.completedBeforeHangUp++;
      if (kind === "short") stats.ttfaMs.push(res.ttfaMs ?? res.totalMs); // time to the first byte of the whole file
      if (planned.body.response_format === "mp3") {
        if (res.body.length > 0 && looksLikeMp3(res.body) && res.contentType.startsWith("audio/mpeg")) stats.verified++;
        else phase.mp3Invalid++;
        continue;
      }
      const verdict = await verifier.verify(planned, res);
      phase.audioSeconds += verdict.audioSeconds;
      phase.calls += verdict.calls;
      if (verdict.problem !== null) {
        phase.decodeMismatches++;
        if (phase.mismatchExamples.length < 3) phase.mismatchExamples.push({ request: label, format: planned.body.response_format, sse: planned.sse, bytes: res.body.length, problem: verdict.problem });
        continue;
      }
      if (verdict.amplitudeProblem !== null) {
        phase.amplitudeMismatches++;
        if (phase.amplitudeExamples.length < 3) phase.amplitudeExamples.push(`${label}: ${verdict.amplitudeProblem}`);
        continue;
      }
      stats.verified++;
    }
  };
  await Promise.all(Array.from({ length: options.clients }, (_, i) => client(i)));
  phase.wallS = (performance.now() - started) / 1000;
  loopDelay.disable();
  phase.clientLoopDelayMs = { p50: round(loopDelay.percentile(50) / 1e6, 1), p99: round(loopDelay.percentile(99) / 1e6, 1), max: round(loopDelay.max / 1e6, 1) };
  phase.serverTtfa = serverTtfaSummary(ttfaBefore, await serverTtfaBuckets(url));
  clearInterval(progress);
  stopSampling = true;
  await sampler;
  return phase;
}

function phaseReport(phase: Phase, clients: number, seconds: number): Record<string, unknown> {
  const kinds = Object.fromEntries(
    KINDS.map((k) => {
      const s = phase.kinds[k];
      return [k, { sent: s.sent, completed: s.completed, verified: s.verified, hungUp: s.hungUp, completedBeforeHangUp: s.completedBeforeHangUp, ttfaMs: summarize(s.ttfaMs), totalMs: summarize(s.totalMs) }];
    }),
  );
  const streamedTtfa = (["long", "streamWav", "sse", "cancelled", "mp3"] as const).flatMap((k) => phase.kinds[k].ttfaMs);
  const sent = KINDS.reduce((n, k) => n + phase.kinds[k].sent, 0);
  const completed = KINDS.reduce((n, k) => n + phase.kinds[k].completed, 0);
  return {
    clients,
    seconds,
    wallSeconds: round(phase.wallS, 1),
    requests: sent,
    completed,
    kinds,
    statuses: phase.statuses,
    fivexx: phase.fivexx,
    fivexxExamples: phase.fivexxExamples,
    status429: phase.tooMany429,
    status503: phase.unavailable503,
    other4xx: phase.otherErrorCount,
    other4xxExamples: phase.otherErrors,
    hangs: phase.hangs,
    hangExamples: phase.hangExamples,
    connectionErrors: phase.connectionErrors,
    connectionErrorExamples: phase.connectionErrorExamples,
    decodeMismatches: phase.decodeMismatches,
    mismatchExamples: phase.mismatchExamples,
    amplitudeMismatches: phase.amplitudeMismatches,
    amplitudeExamples: phase.amplitudeExamples,
    mp3Invalid: phase.mp3Invalid,
    verifiedModelCalls: phase.calls,
    ttfaMs: { streamed: summarize(streamedTtfa), shortFileFirstByte: summarize(phase.kinds.short.ttfaMs) },
    serverTtfaHistogram: phase.serverTtfa,
    clientEventLoopDelayMs: phase.clientLoopDelayMs,
    throughput: {
      requestsPerSecond: round(sent / phase.wallS, 2),
      completedPerSecond: round(completed / phase.wallS, 2),
      verifiedAudioSecondsPerSecond: round(phase.audioSeconds / phase.wallS, 2),
    },
  };
}

/** Least-squares slope of y over x. */
function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return sxx === 0 ? Number.NaN : sxy / sxx;
}

function soakReport(phase: Phase, warmupS: number): Record<string, unknown> {
  const samples = phase.rss;
  const warm = samples.filter((s) => s.tS <= warmupS);
  const after = samples.filter((s) => s.tS >= warmupS);
  const warmupEnd = warm.at(-1) ?? samples[0];
  const final = samples.at(-1);
  const growth = warmupEnd && final ? (final.rssMB - warmupEnd.rssMB) / warmupEnd.rssMB : Number.NaN;
  return {
    warmupSeconds: warmupS,
    rssSamples: samples.length,
    rssMB: {
      start: samples[0]?.rssMB ?? null,
      warmupEnd: warmupEnd?.rssMB ?? null,
      max: samples.length > 0 ? Math.max(...samples.map((s) => s.rssMB)) : null,
      final: final?.rssMB ?? null,
    },
    rssGrowthAfterWarmupPct: round(growth * 100, 2),
    rssGrowthUnder5Pct: growth < 0.05,
    rssSlopeMBPerMinAfterWarmup: round(slope(after.map((s) => ({ x: s.tS / 60, y: s.rssMB }))), 3),
    heapMB: { warmupEnd: warmupEnd?.heapMB ?? null, final: final?.heapMB ?? null, max: samples.length > 0 ? Math.max(...samples.map((s) => s.heapMB)) : null },
    heapSlopeMBPerMinAfterWarmup: round(slope(after.map((s) => ({ x: s.tS / 60, y: s.heapMB }))), 3),
    rssTimeline: samples.map((s) => `${s.tS}s ${s.rssMB}MB`),
  };
}

// ---------------------------------------------------------------------------------------------------------

export async function load(argv: string[]): Promise<Record<string, unknown>> {
  const { model, rest } = await takeModelOption(argv, "light");
  const { values } = parseArgs({
    args: rest,
    options: {
      clients: { type: "string", default: "32" },
      seconds: { type: "string", default: "120" },
      "soak-seconds": { type: "string", default: "600" },
      "soak-clients": { type: "string", default: "8" },
      "timeout-ms": { type: "string", default: "60000" },
      seed: { type: "string", default: "1" },
      "verify-workers": { type: "string", default: String(Math.max(1, Math.floor(os.availableParallelism() / 4))) },
    },
  });
  const clients = Math.max(1, Number(values.clients));
  const seconds = Math.max(1, Number(values.seconds));
  const soakSeconds = Math.max(0, Number(values["soak-seconds"]));
  const soakClients = Math.max(1, Number(values["soak-clients"]));
  const timeoutMs = Math.max(1000, Number(values["timeout-ms"]));
  const seed = Number(values.seed);
  const verifyWorkers = Math.max(1, Number(values["verify-workers"]));

  const benchCpuStart = process.cpuUsage();
  const server = await startChild(model.path);
  const g2p = createG2P({ lexiconDir: MISAKI_DIR });
  const plans = new Plans(g2p);
  const verifier = new Verifier(plans, verifyWorkers, model.fixtureAudio);
  let shutdown: Record<string, unknown> = {};
  try {
    // Plan every text up front, so planning is not part of any request's client-side time.
    for (const lang of ["en-us", "en-gb"] as Lang[]) for (const text of [...SHORT_TEXTS, ...LONG_TEXTS]) await plans.get(text, lang);
    const initial = await status(server.url);

    const loadPhase = await runPhase(server.url, verifier, { clients, seconds, weights: LOAD_WEIGHTS, timeoutMs, seed, rssEveryS: 10, label: "load" });
    const afterLoad = await settle(server.url);
    const statusAfterLoad = await status(server.url);
    const metricsAfterLoad = await metricsCounts(server.url);

    let soak: Record<string, unknown> = { skipped: true };
    if (soakSeconds > 0) {
      const warmupS = Math.min(60, soakSeconds * 0.1);
      const rssEveryS = Math.max(1, Math.min(10, soakSeconds / 30));
      const soakPhase = await runPhase(server.url, verifier, { clients: soakClients, seconds: soakSeconds, weights: SOAK_WEIGHTS, timeoutMs, seed: seed + 7, rssEveryS, label: "soak" });
      const afterSoak = await settle(server.url);
      const statusAfterSoak = await status(server.url);
      soak = {
        ...phaseReport(soakPhase, soakClients, soakSeconds),
        rssEverySeconds: rssEveryS,
        ...soakReport(soakPhase, warmupS),
        idleAfter: afterSoak,
        serverTtfaMsLast200: statusAfterSoak.requests.ttfa_ms,
        schedulerAtEnd: statusAfterSoak.scheduler,
        cacheAtEnd: statusAfterSoak.cache,
      };
    }
    const final = await status(server.url);
    const metricsFinal = await metricsCounts(server.url);
    await g2p.close();
    await verifier.close();
    shutdown = await stopChild(server);
    const cpu = process.cpuUsage(benchCpuStart);
    const loadReport = phaseReport(loadPhase, clients, seconds);
    const soakFailures = soak.skipped ? 0 : ((soak.fivexx as number) + (soak.hangs as number) + (soak.decodeMismatches as number) + (soak.connectionErrors as number) + (soak.amplitudeMismatches as number));
    return {
      bench: "load",
      machine: machine(),
      model: model.name,
      audioDecodedAgainstPlan: model.fixtureAudio,
      server: {
        mode: "child process (kokoro serve)",
        settings: pickSettings(initial.settings),
        rssMBAtStart: round(initial.memory.rss_bytes / MB, 1),
        rssMBAfterLoad: round(statusAfterLoad.memory.rss_bytes / MB, 1),
        rssMBFinal: round(final.memory.rss_bytes / MB, 1),
      },
      requestTimeoutMs: timeoutMs,
      verifyWorkers,
      seed,
      pass: {
        zeroFivexx: (loadPhase.fivexx + (soak.skipped ? 0 : (soak.fivexx as number))) === 0,
        zeroHangs: loadPhase.hangs === 0 && (soak.skipped ? true : soak.hangs === 0),
        zeroDecodeMismatches: loadPhase.decodeMismatches === 0 && (soak.skipped ? true : soak.decodeMismatches === 0),
        zeroFailuresOfAnyKind: loadPhase.fivexx + loadPhase.hangs + loadPhase.decodeMismatches + loadPhase.connectionErrors + loadPhase.amplitudeMismatches + soakFailures === 0,
        rssGrowthUnder5Pct: soak.skipped ? null : soak.rssGrowthUnder5Pct,
        cleanExit: shutdown.exitCode === 0,
      },
      load: {
        ...loadReport,
        rssTimeline: loadPhase.rss.map((s) => `${s.tS}s ${s.rssMB}MB`),
        idleAfter: afterLoad,
        serverTtfaMsLast200: statusAfterLoad.requests.ttfa_ms,
        schedulerAtEnd: statusAfterLoad.scheduler,
        cacheAtEnd: statusAfterLoad.cache,
        serverMetrics: metricsAfterLoad,
      },
      soak,
      serverMetricsFinal: metricsFinal,
      serverLog: { warnOrWorseByMessage: Object.fromEntries(server.logs.byMsg), firstErrors: server.logs.errors },
      benchProcessCpuSeconds: round((cpu.user + cpu.system) / 1e6, 1),
      shutdown,
    };
  } finally {
    if (server.proc.exitCode === null && server.proc.signalCode === null) {
      await g2p.close().catch(() => undefined);
      await verifier.close();
      await stopChild(server);
    }
    rmSync(server.home, { recursive: true, force: true });
  }
}

function pickSettings(settings: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!settings) return {};
  const keys = ["workers", "intraOpThreads", "adaptiveCallSizing", "audioCacheMB", "maxActiveRequests", "maxQueuedCalls", "maxAheadSeconds", "device"];
  return Object.fromEntries(keys.filter((k) => k in settings).map((k) => [k, settings[k]]));
}
