// Real-time factor of the heavy fixture model (inference seconds / audio seconds), printed as JSON.
//
//   npx tsx bench/fixture-rtf.ts [--runs 7] [--max] [--width W --layers L --samples-per-row S]
//
// Uses onnxruntime-node's default session options, as the engine does. The width/layers/samples-per-row
// flags build a variant in memory instead of reading test/fixtures/ (how HEAVY_WORK was tuned).
// Timings are only comparable on an otherwise idle machine: the JSON includes the load average and,
// per call, the share of the machine's CPU the runs actually got. --max adds one maximum-size call
// (512 tokens at speed 0.25, about 51 s of audio) to check memory.
import os from "node:os";
import { parseArgs } from "node:util";
import { InferenceSession, Tensor } from "onnxruntime-node";
import { HEAVY_WORK, FIXTURE_MODELS, ensureFixtureModels, fixtureModelBytes } from "../scripts/onnx/fixture-models.js";
import { KOKORO_VOCAB } from "../src/g2p/vocab.js";

const SAMPLE_RATE = 24_000;

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "7" },
    max: { type: "boolean", default: false },
    width: { type: "string" },
    layers: { type: "string" },
    "samples-per-row": { type: "string" },
  },
});

const work = {
  width: Number(args.width ?? HEAVY_WORK.width),
  layers: Number(args.layers ?? HEAVY_WORK.layers),
  samplesPerRow: Number(args["samples-per-row"] ?? HEAVY_WORK.samplesPerRow),
};
const custom = args.width !== undefined || args.layers !== undefined || args["samples-per-row"] !== undefined;
const runs = Math.max(1, Number(args.runs));

// Deterministic pseudo-phonemes: the cost does not depend on the ids, but keep them realistic.
const vocabIds = [...new Set(KOKORO_VOCAB.values())];
function tokenIds(phonemes: number): number[] {
  const ids = Array.from({ length: phonemes }, (_, i) => vocabIds[(i * 37 + 11) % vocabIds.length] ?? 16);
  return [0, ...ids, 0];
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? NaN;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

async function measure(session: InferenceSession, phonemes: number, speed: number, repeat: number) {
  const ids = tokenIds(phonemes);
  const feeds = {
    input_ids: new Tensor("int64", BigInt64Array.from(ids, (id) => BigInt(id)), [1, ids.length]),
    style: new Tensor("float32", new Float32Array(256).fill(0.1), [1, 256]),
    speed: new Tensor("float32", Float32Array.of(speed), [1]),
  };
  const rssBefore = process.memoryUsage().rss;
  let samples = 0;
  await session.run(feeds); // warm-up: first-run allocations are not the steady state
  const rtfs: number[] = [];
  let wallSeconds = 0;
  const cpuBefore = process.cpuUsage();
  for (let r = 0; r < repeat; r++) {
    const start = performance.now();
    const out = await session.run(feeds);
    const seconds = (performance.now() - start) / 1000;
    wallSeconds += seconds;
    samples = out.waveform?.dims[0] ?? NaN;
    rtfs.push(seconds / (samples / SAMPLE_RATE));
  }
  const cpu = process.cpuUsage(cpuBefore);
  rtfs.sort((a, b) => a - b);
  return {
    tokens: ids.length,
    speed,
    audioSeconds: round3(samples / SAMPLE_RATE),
    runs: repeat,
    rtf: { median: round3(percentile(rtfs, 50)), p95: round3(percentile(rtfs, 95)), min: round3(rtfs[0] ?? NaN) },
    // Our CPU time over (wall time × cores): near 1 when ONNX Runtime had every core; lower means other
    // processes competed and the timings above are inflated.
    cpuShare: round3((cpu.user + cpu.system) / 1e6 / (wallSeconds * os.cpus().length)),
    rssGrowthMiB: Math.round((process.memoryUsage().rss - rssBefore) / 2 ** 20),
  };
}

await ensureFixtureModels();
const createStart = performance.now();
const session = custom
  ? await InferenceSession.create(fixtureModelBytes(work).heavy)
  : await InferenceSession.create(FIXTURE_MODELS.heavy);
const sessionCreateMs = Math.round(performance.now() - createStart);

// A short clause, a typical one-sentence call (~100 tokens) and a long call (~500 tokens), at speed 1.
const calls = [
  await measure(session, 18, 1, runs),
  await measure(session, 98, 1, runs),
  await measure(session, 498, 1, runs),
];
if (args.max) calls.push(await measure(session, 510, 0.25, 1));

console.log(
  JSON.stringify(
    {
      bench: "fixture-rtf",
      model: custom ? "heavy (in-memory variant)" : FIXTURE_MODELS.heavy.slice(FIXTURE_MODELS.heavy.indexOf("test/")),
      work,
      machine: { cpu: os.cpus()[0]?.model ?? "unknown", cores: os.cpus().length, loadavg: os.loadavg().map(round3) },
      node: process.version,
      sessionCreateMs,
      calls,
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    },
    null,
    2,
  ),
);
