// `npm run bench -- profile [--model shaped|FILE] [--threads 2] [--sizes 16,64,200] [--runs 3]`: what share of one
// model call's time is the decoder (and, within it, the generator), measured by ONNX Runtime's own profiler.
//
// One session with the inference worker's options (graph optimization "all", sequential execution, 1 inter-op
// thread, --threads intra-op threads) and `enableProfiling` on. Each size T is the length of input_ids with its two
// pads (0, T-2 seeded-random ids in 1..177, the same for every call of that size, 0); the style is af_heart's row for T-2 ids when ../shared/data/voices
// has it, else a fixed vector; speed 1. Per size: one warm-up call (excluded), then --runs calls. The Chrome-trace
// JSON the profiler writes is split into calls by its `model_run` events (in call order); each call's `Node`
// `*_kernel_time` events are attributed by node name: `/decoder/...` is the decoder, any other `/...` name the
// rest (text encoder, BERT, predictor), and a name without the leading `/` (a node the graph optimizer made, e.g.
// `FastGelu_token_137`) is unattributed. A kernel event inside another one's time span (a node of an If
// subgraph) is counted in its container only. The call's time is its `model_run` duration; time outside the
// top-level kernels is the executor's own. Breakdowns are per-call means over the measured calls; shares are
// of the call's time, except the generator's (of the decoder's) and the top op types' (of their part's).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import ort from "onnxruntime-node";
import { float32FromLittleEndian } from "../src/engine/voices/float32-le.js";
import { styleRow } from "../src/engine/voices/index.js";
import { MAX_PHONEME_IDS, SAMPLE_RATE, STYLE_DIM } from "../src/model/contract.js";
import { VOICES_DIR } from "../test/helpers/paths.js";
import { rng } from "./load-client.js";
import { takeModelOption } from "./model-option.js";
import { machine, summarize } from "./stats.js";

const VOICE = "af_heart";
const ID_SEED = 20_240_101;
const DECODER = "/decoder/";
const GENERATOR = "/decoder/generator/";
const KERNEL_SUFFIX = "_kernel_time";
const TOP = 10;

const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;
const ms = (us: number): number => round(us / 1000, 2);
const pct = (part: number, whole: number): number => round((100 * part) / whole, 1);

/** One Chrome-trace event of the ONNX Runtime profile (only the fields used here). */
interface TraceEvent {
  readonly cat: string;
  readonly name: string;
  readonly ts: number;
  readonly dur: number;
  readonly args?: { readonly op_name?: string };
}

/** One top-level kernel of a call: its node name and op type, and its time in µs. */
interface Kernel {
  readonly node: string;
  readonly op: string;
  readonly us: number;
}

/** One profiled model call: its `model_run` duration and its top-level kernels. */
interface ProfiledCall {
  readonly runUs: number;
  readonly kernels: readonly Kernel[];
  /** Kernel events inside another kernel's span (If subgraph nodes), counted in their container. */
  readonly nested: number;
}

type Part = "decoder" | "rest" | "unattributed";

interface PlannedCall {
  readonly size: number;
  readonly warmUp: boolean;
}

function options(rest: string[]): { runs: number; threads: number; sizes: number[] } {
  const { values } = parseArgs({
    args: rest,
    options: { runs: { type: "string", default: "3" }, threads: { type: "string", default: "2" }, sizes: { type: "string", default: "16,64,200" } },
  });
  const sizes = values.sizes.split(",").map(Number).sort((a, b) => a - b);
  const maxLength = MAX_PHONEME_IDS + 2;
  if (sizes.some((n) => !Number.isInteger(n) || n < 3 || n > maxLength)) throw new Error(`--sizes: input_ids lengths with the two pads, 3..${maxLength} each, got ${values.sizes}`);
  return { runs: Math.max(1, Number(values.runs)), threads: Math.max(1, Number(values.threads)), sizes };
}

/** af_heart's style pack when the shared voices are there; null means the fixed vector. */
function loadVoicePack(): Float32Array | null {
  const file = path.join(VOICES_DIR, `${VOICE}.bin`);
  return existsSync(file) ? float32FromLittleEndian(readFileSync(file)) : null;
}

/** The model's inputs for one call of `length` input ids (pads included); the ids depend on the length only. */
function feeds(length: number, pack: Float32Array | null): Record<string, ort.Tensor> {
  const phonemes = length - 2;
  const random = rng(ID_SEED + length);
  const ids = [0, ...Array.from({ length: phonemes }, () => 1 + Math.floor(random() * 177)), 0];
  const style = pack ? styleRow(pack, phonemes) : Float32Array.from({ length: STYLE_DIM }, (_, i) => 0.1 * Math.sin(i + 1));
  return {
    input_ids: new ort.Tensor("int64", BigInt64Array.from(ids, BigInt), [1, length]),
    style: new ort.Tensor("float32", style, [1, STYLE_DIM]),
    speed: new ort.Tensor("float32", Float32Array.of(1), [1]),
  };
}

function isTraceEvent(value: unknown): value is TraceEvent {
  if (typeof value !== "object" || value === null) return false;
  const e = value as Record<string, unknown>;
  return typeof e.cat === "string" && typeof e.name === "string" && typeof e.ts === "number" && typeof e.dur === "number";
}

/** The one profile file ONNX Runtime wrote into `dir` (endProfiling() returns nothing in the Node binding). */
function readTrace(dir: string): TraceEvent[] {
  const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
  if (files.length !== 1) throw new Error(`expected one profile file in ${dir}, found ${files.length}`);
  const parsed = JSON.parse(readFileSync(path.join(dir, files[0]!), "utf8")) as unknown;
  if (!Array.isArray(parsed)) throw new Error("the profile is not a JSON array of trace events");
  return parsed.filter(isTraceEvent);
}

/** Kernel events not inside another kernel's span; the nested ones (subgraph nodes) are counted. */
function topLevel(events: readonly TraceEvent[]): { kernels: Kernel[]; nested: number } {
  const sorted = [...events].sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const kernels: Kernel[] = [];
  let end = -Infinity;
  for (const e of sorted) {
    if (e.ts + e.dur <= end) continue;
    end = e.ts + e.dur;
    kernels.push({ node: e.name.slice(0, -KERNEL_SUFFIX.length), op: e.args?.op_name ?? "?", us: e.dur });
  }
  return { kernels, nested: sorted.length - kernels.length };
}

/** Splits the trace into calls by its `model_run` events, in time order. */
function splitCalls(events: readonly TraceEvent[]): ProfiledCall[] {
  const runs = events.filter((e) => e.cat === "Session" && e.name === "model_run").sort((a, b) => a.ts - b.ts);
  const kernels = events.filter((e) => e.cat === "Node" && e.name.endsWith(KERNEL_SUFFIX));
  return runs.map((run) => topLevel(kernels.filter((k) => k.ts >= run.ts && k.ts < run.ts + run.dur))).map((c, i) => ({ runUs: runs[i]!.dur, ...c }));
}

function partOf(node: string): Part {
  if (node.startsWith(DECODER)) return "decoder";
  return node.startsWith("/") ? "rest" : "unattributed";
}

/** `/bert/encoder/...` -> `/bert`: the top-level module of a node. */
const moduleOf = (node: string): string => `/${node.split("/")[1] ?? ""}`;

function add(map: Map<string, number>, key: string, us: number): void {
  map.set(key, (map.get(key) ?? 0) + us);
}

/** The `n` largest entries of `totals` (µs over `calls` calls): ms per call and share of `wholeUs`. */
function top(totals: Map<string, number>, calls: number, wholeUs: number, n = TOP): Array<{ name: string; ms: number; sharePct: number }> {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => ({ name, ms: ms(us / calls), sharePct: pct(us, wholeUs) }));
}

/** The report of one size's measured calls. */
function breakdown(size: number, calls: readonly ProfiledCall[], audioSeconds: number): Record<string, unknown> {
  const n = calls.length;
  const parts: Record<Part, number> = { decoder: 0, rest: 0, unattributed: 0 };
  const ops: Record<Part, Map<string, number>> = { decoder: new Map(), rest: new Map(), unattributed: new Map() };
  const restModules = new Map<string, number>();
  const unattributedNodes = new Map<string, number>();
  let runUs = 0;
  let generatorUs = 0;
  for (const call of calls) {
    runUs += call.runUs;
    for (const k of call.kernels) {
      const part = partOf(k.node);
      parts[part] += k.us;
      add(ops[part], k.op, k.us);
      if (part === "rest") add(restModules, moduleOf(k.node), k.us);
      if (part === "unattributed") add(unattributedNodes, k.node, k.us);
      if (k.node.startsWith(GENERATOR)) generatorUs += k.us;
    }
  }
  const kernelUs = parts.decoder + parts.rest + parts.unattributed;
  const share = (us: number): { ms: number; sharePct: number } => ({ ms: ms(us / n), sharePct: pct(us, runUs) });
  return {
    inputLength: size,
    audioSeconds,
    callMs: summarize(calls.map((c) => c.runUs / 1000)),
    meanCallMs: ms(runUs / n),
    decoder: {
      ...share(parts.decoder),
      // Shares of the decoder's time.
      generator: { ms: ms(generatorUs / n), sharePct: pct(generatorUs, parts.decoder) },
      restOfDecoder: { ms: ms((parts.decoder - generatorUs) / n), sharePct: pct(parts.decoder - generatorUs, parts.decoder) },
      topOps: top(ops.decoder, n, parts.decoder),
    },
    encoderAndPredictor: { ...share(parts.rest), byModule: top(restModules, n, runUs), topOps: top(ops.rest, n, parts.rest) },
    unattributed: { us: round(parts.unattributed / n), sharePct: pct(parts.unattributed, runUs), topNodes: top(unattributedNodes, n, runUs, 5) },
    outsideKernels: share(runUs - kernelUs),
    kernelsPerCall: round(calls.reduce((s, c) => s + c.kernels.length, 0) / n),
    nestedKernelsPerCall: round(calls.reduce((s, c) => s + c.nested, 0) / n),
  };
}

/** Runs the planned calls on a profiling session and returns the trace's calls plus each call's audio length. */
async function profileCalls(modelPath: string, threads: number, plan: readonly PlannedCall[], pack: Float32Array | null): Promise<{ calls: ProfiledCall[]; samples: number[] }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kokoro-bench-profile-"));
  try {
    const session = await ort.InferenceSession.create(modelPath, {
      executionProviders: ["cpu"],
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      graphOptimizationLevel: "all",
      executionMode: "sequential",
      enableProfiling: true,
      profileFilePrefix: path.join(dir, "ort"),
    });
    const output = session.outputNames.includes("waveform") ? "waveform" : session.outputNames[0]!;
    const samples: number[] = [];
    for (const call of plan) {
      const out = await session.run(feeds(call.size, pack));
      samples.push(out[output]?.dims.reduce((a, b) => a * b, 1) ?? 0);
      for (const value of Object.values(out)) value.dispose();
    }
    session.endProfiling();
    await session.release();
    const calls = splitCalls(readTrace(dir));
    if (calls.length !== plan.length) throw new Error(`the profile has ${calls.length} model_run events for ${plan.length} calls`);
    return { calls, samples };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function profile(argv: string[]): Promise<Record<string, unknown>> {
  const { model, rest } = await takeModelOption(argv, "shaped");
  const { runs, threads, sizes } = options(rest);
  const plan: PlannedCall[] = sizes.flatMap((size) => [{ size, warmUp: true }, ...Array.from({ length: runs }, () => ({ size, warmUp: false }))]);
  const pack = loadVoicePack();
  const { calls, samples } = await profileCalls(model.path, threads, plan, pack);
  const bySize: Record<string, unknown> = {};
  for (const size of sizes) {
    const measured = plan.map((p, i) => ({ p, i })).filter(({ p }) => p.size === size && !p.warmUp);
    const audioSeconds = round(samples[measured[0]!.i]! / SAMPLE_RATE, 2);
    bySize[String(size)] = breakdown(size, measured.map(({ i }) => calls[i]!), audioSeconds);
  }
  return {
    bench: "profile",
    machine: machine(),
    model: model.name,
    session: { intraOpThreads: threads, interOpThreads: 1, graphOptimizationLevel: "all", executionMode: "sequential", executionProvider: "cpu", profiling: true },
    runs,
    sizes,
    inputs: { ids: `0, T-2 ids in 1..177 (mulberry32 seed ${ID_SEED} + T), 0`, style: pack ? `${VOICE} row T-2` : "fixed vector 0.1*sin(i+1)", speed: 1 },
    attribution: `decoder: node names starting ${DECODER}; generator: ${GENERATOR}; encoderAndPredictor: other names starting "/"; unattributed: optimizer-made names; shares of the model_run time (generator: of the decoder's)`,
    bySize,
  };
}
