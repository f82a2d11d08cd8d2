// `npm run bench -- streaming [--runs N] [--full-runs N] [--model shaped|heavy|FILE] [--ttfa-target MS]`: what a
// listener gets from the server as it ships (adaptive call sizing, audio cache off), for 3 words, a 15-word sentence,
// 1,263 and 5,000 characters: time to the first audio byte (TTFA) and how much of it was the first call's own
// inference; the calls each text is cut into, run after run (the server's own planning: the plan must be stable);
// and, over whole streamed responses of the 1,263 characters, streamed vs raw real-time factor — wall time over
// audio, next to the sum of the calls' inference times (session.run in the worker) over the same audio: what seams,
// encoding, scheduling and the front-end add — and the audio length run after run.
import http from "node:http";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import type { CallObservation } from "../src/engine/engine.js";
import { SAMPLE_RATE } from "../src/model/contract.js";
import { DEFAULT_TTFA_TARGET_MS } from "../src/config/schema.js";
import { firstCallBudgetMs } from "../src/pipeline/speak.js";
import { prepareSpeech } from "../src/pipeline/speech.js";
import { VOICES_DIR } from "../test/helpers/paths.js";
import { startTestServer, type TestServer } from "../test/helpers/test-server.js";
import { takeModelOption } from "./model-option.js";
import { machine, summarize } from "./stats.js";
import { BENCH_TEXTS, CHARS5000 } from "./texts.js";

/** The 5,000 characters (kept under this name for the benches that import it). */
export const LONG = CHARS5000;

/**
 * Streams one request; resolves with the time to the first body byte and to the end. With `firstOnly` it hangs
 * up at the first byte (the server drops the rest), which is all a TTFA figure needs.
 */
export function timeStream(url: string, input: string, firstOnly = false): Promise<{ ttfaMs: number; totalMs: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const target = new URL(`${url}/v1/audio/speech`);
    const started = performance.now();
    let ttfaMs = -1;
    let bytes = 0;
    const req = http.request(
      { host: target.hostname, port: target.port, path: target.pathname, method: "POST", headers: { "Content-Type": "application/json" } },
      (res) => {
        res.on("data", (d: Buffer) => {
          if (ttfaMs < 0) ttfaMs = performance.now() - started;
          bytes += d.length;
          if (firstOnly) {
            req.destroy();
            resolve({ ttfaMs, totalMs: ttfaMs, bytes });
          }
        });
        res.on("end", () => resolve({ ttfaMs, totalMs: performance.now() - started, bytes }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify({ input, voice: "af_heart", response_format: "pcm", stream: true }));
  });
}

/** Waits until the server's scheduler has nothing running or queued (a hung-up request's last call finishing). */
async function idle(server: TestServer): Promise<void> {
  while (server.services.engine.stats().busy > 0 || server.services.engine.stats().queued > 0) {
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The model calls the engine runs while `work` runs (one request at a time, so they are that request's). */
async function recordingCalls<T>(server: TestServer, work: () => Promise<T>): Promise<{ result: T; calls: CallObservation[] }> {
  const calls: CallObservation[] = [];
  const observer = (call: CallObservation): void => void calls.push(call);
  server.services.engine.observers.add(observer);
  try {
    const result = await work();
    await idle(server);
    return { result, calls };
  } finally {
    server.services.engine.observers.delete(observer);
  }
}

/** The calls the server would make for `text` now: its own planning (cost line held for planning, TTFA budget). */
async function planOf(server: TestServer, text: string, ttfaTargetMs: number): Promise<number[]> {
  const { services } = server;
  const voice = services.voices.resolve("af_heart");
  if (!voice.ok) throw new Error(voice.message);
  const planning = { cost: services.engine.cost.forPlanning(), firstCallMs: firstCallBudgetMs(ttfaTargetMs) };
  const prepared = await prepareSpeech({ text, voice: voice.voice, speed: 1, lang: "en-us" }, services.frontEnd, planning);
  return [...prepared.chunks, ...((await prepared.later) ?? [])].map((c) => c.ids.length);
}

export async function streaming(argv: string[]): Promise<Record<string, unknown>> {
  const { model, rest } = await takeModelOption(argv, "heavy");
  const { values } = parseArgs({
    args: rest,
    options: { runs: { type: "string", default: "5" }, "full-runs": { type: "string", default: "2" }, "ttfa-target": { type: "string" } },
  });
  const runs = Math.max(1, Number(values.runs));
  const fullRuns = Math.max(0, Number(values["full-runs"]));
  const ttfaTargetMs = values["ttfa-target"] === undefined ? DEFAULT_TTFA_TARGET_MS : Number(values["ttfa-target"]);
  // As it ships: adaptive sizing (startTestServer turns it off for tests), default threads, no audio cache.
  const server = await startTestServer({ model: model.path, voices: VOICES_DIR, intraOpThreads: undefined, audioCacheMB: 0, adaptiveCallSizing: true, ttfaTargetMs });
  try {
    const report: Record<string, unknown> = {};
    for (const [name, text] of Object.entries(BENCH_TEXTS)) {
      await timeStream(server.url, text, true); // warm the path for this length
      await idle(server);
      const ttfa: number[] = [];
      const firstInfer: number[] = [];
      const firstIds: number[] = [];
      const plans: number[][] = [];
      for (let i = 0; i < runs; i++) {
        plans.push(await planOf(server, text, ttfaTargetMs));
        const { result, calls } = await recordingCalls(server, () => timeStream(server.url, text, true));
        ttfa.push(result.ttfaMs);
        firstInfer.push(calls[0]?.inferMs ?? Number.NaN);
        firstIds.push(calls[0]?.ids ?? Number.NaN);
      }
      report[name] = {
        chars: text.length,
        ttfaMs: summarize(ttfa),
        firstCall: { ids: summarize(firstIds), inferMs: summarize(firstInfer) },
        plan: { calls: summarize(plans.map((p) => p.length)), sameEveryRun: plans.every((p) => p.join() === plans[0]!.join()), idsPerCall: plans[0] },
      };
    }
    // Whole responses of the 1,263-character paragraph (~80 s of audio): what streaming costs beyond inference,
    // and the audio length run after run.
    const audioS: number[] = [];
    const streamedRtf: number[] = [];
    const rawRtf: number[] = [];
    const callCounts: number[] = [];
    for (let i = 0; i < fullRuns; i++) {
      const { result, calls } = await recordingCalls(server, () => timeStream(server.url, BENCH_TEXTS.paragraph!));
      const seconds = result.bytes / 2 / SAMPLE_RATE;
      audioS.push(seconds);
      callCounts.push(calls.length);
      streamedRtf.push(result.totalMs / 1000 / seconds);
      rawRtf.push(calls.reduce((sum, c) => sum + c.inferMs, 0) / 1000 / seconds);
    }
    const median = (name: string): number => (report[name] as { ttfaMs: { median: number } }).ttfaMs.median;
    return {
      bench: "streaming",
      machine: machine(),
      model: model.name,
      ttfaTargetMs,
      costLine: server.services.engine.cost.snapshot(),
      ...report,
      ttfaRatio5000To3Words: Math.round((median("chars5000") / median("words3")) * 1000) / 1000,
      wholeParagraph: fullRuns === 0 ? null : {
        calls: summarize(callCounts),
        audioSeconds: summarize(audioS),
        rtf: { streamed: summarize(streamedRtf), raw: summarize(rawRtf), streamedOverRaw: summarize(streamedRtf.map((x, i) => x / rawRtf[i]!)) },
      },
    };
  } finally {
    await server.close();
  }
}
