// `npm run bench -- concurrency [--streams 1,4,8] [--configs 1x2,2x1] [--model shaped|heavy|FILE]`: N concurrent
// long streams on the heavy fixture (or --model), each read by a simulated real-time listener (bench/listener.ts): underruns and stall time,
// next to the demand (N streams of real-time audio) and the capacity measured alone (audio seconds per second
// of one stream read flat out). Then the TTFA of a one-sentence request arriving while 4 long streams run,
// next to its TTFA on an idle server. Each worker configuration (workers × intra-op threads) is measured
// in the same run, so their figures compare.
import os from "node:os";
import { parseArgs } from "node:util";
import { VOICES_DIR } from "../test/helpers/paths.js";
import { startTestServer, type TestServer } from "../test/helpers/test-server.js";
import { listen, type ListenResult } from "./listener.js";
import { takeModelOption, type BenchModel } from "./model-option.js";
import { machine, summarize } from "./stats.js";

const SENTENCE = "The quick brown fox jumps over the lazy dog.";
const VOICES = ["af_heart", "am_michael", "bf_emma", "af_bella", "am_adam", "bm_george", "af_sky", "af_nicole"];
/** About 17 s of audio on the fixture: long enough for steady state, short enough for 8 at once. */
const LONG = Array.from({ length: 8 }, (_, i) => `Stream sentence ${i + 1} keeps this listener busy for a while longer.`).join(" ");

async function idle(server: TestServer): Promise<void> {
  while (server.services.engine.stats().busy > 0 || server.services.engine.stats().queued > 0) await new Promise((r) => setTimeout(r, 10));
}

function streamsReport(results: readonly ListenResult[]): Record<string, unknown> {
  return {
    underrunsTotal: results.reduce((n, r) => n + r.underruns, 0),
    streamsWithUnderruns: results.filter((r) => r.underruns > 0).length,
    stallSeconds: summarize(results.map((r) => r.stallSeconds)),
    ttfaMs: summarize(results.map((r) => r.ttfaMs)),
    audioSecondsPerStream: Math.round((results[0]?.audioSeconds ?? 0) * 100) / 100,
    wallSeconds: summarize(results.map((r) => r.totalMs / 1000)),
  };
}

async function measureConfig(model: BenchModel, workers: number, intraOpThreads: number, streamCounts: readonly number[], ttfaRuns: number): Promise<Record<string, unknown>> {
  const server = await startTestServer({ model: model.path, voices: VOICES_DIR, workers, intraOpThreads, audioCacheMB: 0, adaptiveCallSizing: true });
  try {
    await listen(server.url, SENTENCE); // warm
    // Capacity: one stream read flat out = audio seconds produced per wall second.
    const solo = await listen(server.url, LONG);
    const capacity = solo.audioSeconds / (solo.totalMs / 1000);
    const byStreams: Record<string, unknown> = {};
    for (const n of streamCounts) {
      await idle(server);
      const results = await Promise.all(Array.from({ length: n }, (_, i) => listen(server.url, LONG, VOICES[i % VOICES.length])));
      byStreams[`streams${n}`] = { demandRealTime: n, belowCapacity: n < capacity, ...streamsReport(results) };
    }
    // A new short request while 4 long streams play.
    const idleTtfa: number[] = [];
    const busyTtfa: number[] = [];
    for (let i = 0; i < ttfaRuns; i++) {
      await idle(server);
      idleTtfa.push((await listen(server.url, SENTENCE)).ttfaMs);
      const longs = Array.from({ length: 4 }, (_, k) => listen(server.url, LONG, VOICES[k]));
      await new Promise((r) => setTimeout(r, 1500)); // the streams are past their first calls
      busyTtfa.push((await listen(server.url, SENTENCE, "bf_emma")).ttfaMs);
      await Promise.all(longs);
    }
    return {
      workers,
      intraOpThreads,
      capacityRealTime: Math.round(capacity * 100) / 100,
      ...byStreams,
      newRequestTtfaMs: { idle: summarize(idleTtfa), during4Streams: summarize(busyTtfa) },
      scheduler: server.services.engine.stats(),
    };
  } finally {
    await server.close();
  }
}

export async function concurrency(argv: string[]): Promise<Record<string, unknown>> {
  const cores = os.availableParallelism();
  const { model, rest } = await takeModelOption(argv, "heavy");
  const { values } = parseArgs({
    args: rest,
    options: {
      streams: { type: "string", default: "1,4,8" },
      configs: { type: "string", default: `1x${cores},${cores}x1` },
      "ttfa-runs": { type: "string", default: "3" },
    },
  });
  const streamCounts = values.streams.split(",").map(Number);
  const configs = values.configs.split(",").map((c) => c.split("x").map(Number) as [number, number]);
  const results = [];
  for (const [workers, threads] of configs) results.push(await measureConfig(model, workers, threads, streamCounts, Number(values["ttfa-runs"])));
  return { bench: "concurrency", machine: machine(), model: model.name, textChars: LONG.length, configs: results };
}
