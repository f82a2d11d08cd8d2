// Graphs of the fixture models: Kokoro's I/O contract, with decodable audio instead of speech.
//
// For input position i (pads included) and j in [0, d), with d = max(1, round(600 / speed)):
//   sample i·d + j = 0                                              when id_i = 0
//                  = A · sin(2π · (100 + 40·id_i) · j / 24000)      otherwise,   A = 0.3 + 0.2·tanh(style[0,0])
// ONNX Round rounds half to even (600/speed = 2.5 gives d = 2); test/helpers/fixture-audio.ts mirrors it.
import { GraphBuilder } from "./graph-builder.js";
import type { ModelMessage } from "./onnx-proto.js";

export const SAMPLE_RATE = 24_000;
/** Samples per input position at speed 1 (one Kokoro duration frame). */
export const FRAME_SAMPLES = 600;
export const BASE_HZ = 100;
export const HZ_PER_ID = 40;

export interface IoNames {
  ids: string;
  audio: string;
}

/** onnx-community export names (kokoro-js) and kokoro-onnx release names. */
export const COMMUNITY_NAMES: IoNames = { ids: "input_ids", audio: "waveform" };
export const RELEASE_NAMES: IoNames = { ids: "tokens", audio: "audio" };

/**
 * Extra compute of the heavy fixture. Per output sample it costs about 2·width²·layers/samplesPerRow
 * flops and holds width/samplesPerRow floats per activation tensor.
 */
export interface HeavyWork {
  /** Hidden width of the stand-in network (the MatMul size). */
  width: number;
  /** Number of MatMul + Tanh layers. */
  layers: number;
  /** Output samples per hidden row (rounded up per input position). */
  samplesPerRow: number;
}

const OPSET = 17;
const IR_VERSION = 8;
// Relative size of the heavy model's extra term: large enough that it visibly feeds the output
// (so no optimizer may drop it), small enough to stay within 1e-6 of the light model per sample.
const HEAVY_EPSILON = 2 ** -22;

interface Waveform2d {
  b: GraphBuilder;
  /** [T, d] float32, the light model's audio before flattening. */
  wave: string;
  /** [T] int64 token ids. */
  ids: string;
  /** [] int64, samples per input position. */
  d: string;
  /** [d] int64, 0..d-1. */
  j: string;
}

function buildWaveform(names: IoNames, graphName: string): Waveform2d {
  const b = new GraphBuilder(graphName);
  const idsIn = b.input(names.ids, "int64", [1, "num_tokens"]);
  const style = b.input("style", "float32", [1, 256]);
  const speed = b.input("speed", "float32", [1]);

  // d = max(1, round(600 / speed)) as an int64 scalar.
  const dFloat = b.op("Max", [b.op("Round", [b.op("Div", [b.f32([FRAME_SAMPLES], []), speed])]), b.f32([1], [])]);
  const d = b.op("Squeeze", [b.op("Cast", [dFloat], { to: { int: 7 } })]);
  const zero = b.i64([0], []);
  const one = b.i64([1], []);
  const j = b.op("Range", [zero, d, one]);

  const ids = b.op("Reshape", [idsIn, b.i64([-1])]);
  const freq = b.op("Add", [b.op("Mul", [ids, b.i64([HZ_PER_ID], [])]), b.i64([BASE_HZ], [])]);
  // Phase in whole cycles·rate, reduced mod 24000 in int64 so float32 never sees a big angle (keeps 1e-7 accuracy).
  const cycles = b.op("Mod", [
    b.op("Mul", [b.op("Unsqueeze", [freq, b.i64([1])]), b.op("Unsqueeze", [j, b.i64([0])])]),
    b.i64([SAMPLE_RATE], []),
  ]);
  const phase = b.op("Mul", [b.op("Cast", [cycles], { to: { int: 1 } }), b.f32([(2 * Math.PI) / SAMPLE_RATE], [])]);
  const tone = b.op("Sin", [phase]);

  const notPad = b.op("Cast", [b.op("Not", [b.op("Equal", [ids, zero])])], { to: { int: 1 } });
  const style00 = b.op("Slice", [style, b.i64([0]), b.i64([1]), b.i64([1])]); // [1, 1]
  const amplitude = b.op("Add", [b.op("Mul", [b.op("Tanh", [style00]), b.f32([0.2], [])]), b.f32([0.3], [])]);
  const gain = b.op("Mul", [b.op("Unsqueeze", [notPad, b.i64([1])]), amplitude]); // [T, 1]
  const wave = b.op("Mul", [tone, gain]);
  return { b, wave, ids, d, j };
}

function finish(b: GraphBuilder, wave2d: string, names: IoNames, doc: string, variant: string): ModelMessage {
  b.op("Reshape", [wave2d, b.i64([-1])], {}, names.audio);
  b.output(names.audio, "float32", ["num_samples"]);
  return b.build({
    irVersion: IR_VERSION,
    opset: OPSET,
    producer: "kokoro-server make-fixtures",
    docString: doc,
    metadata: { fixture: variant, sample_rate: String(SAMPLE_RATE) },
  });
}

const LIGHT_DOC =
  "Kokoro-82M fixture: each input position becomes max(1, round(600/speed)) samples of " +
  "(0.3 + 0.2·tanh(style[0,0]))·sin(2π(100 + 40·id)j/24000); pads (id 0) are silence.";

/** The light fixture model with the given I/O names. */
export function lightFixtureModel(names: IoNames): ModelMessage {
  const { b, wave } = buildWaveform(names, "kokoro_fixture");
  return finish(b, wave, names, LIGHT_DOC, "light");
}

/**
 * The heavy fixture: the light model's audio times (1 + ε·tanh(e)), where e comes from a stack of
 * MatMul + Tanh layers over about N/samplesPerRow rows, so its cost grows with the output length.
 * The weights are computed inside the graph from constants (ORT folds them at load), so the file stays tiny.
 */
export function heavyFixtureModel(names: IoNames, work: HeavyWork): ModelMessage {
  const { b, wave, ids, d, j } = buildWaveform(names, "kokoro_fixture_heavy");
  const { width, layers, samplesPerRow } = work;

  // rows per input position: ceil(d / samplesPerRow) (int64 Div truncates; all values are positive).
  const perRow = b.i64([samplesPerRow], []);
  const rows = b.op("Div", [b.op("Add", [d, b.i64([samplesPerRow - 1], [])]), perRow]);
  const rowIndex = b.op("Cast", [b.op("Range", [b.i64([1], []), b.op("Add", [rows, b.i64([1], [])]), b.i64([1], [])])], {
    to: { int: 1 },
  }); // [R] float 1..R

  // Seed activations [T, R, width] from the ids and the row index, so nothing here is constant.
  const idsScaled = b.op("Mul", [b.op("Cast", [ids], { to: { int: 1 } }), b.f32([0.013], [])]);
  const columns = b.f32(Array.from({ length: width }, (_, k) => 0.37 * k), [1, 1, width]);
  const seedAngle = b.op("Add", [
    b.op("Mul", [b.op("Unsqueeze", [idsScaled, b.i64([1, 2])]), b.op("Unsqueeze", [rowIndex, b.i64([0, 2])])]),
    columns,
  ]);
  let hidden = b.op("Reshape", [b.op("Sin", [seedAngle]), b.i64([-1, width])]);

  // W[k, m] = 1.5·sin(0.731·k·m + 0.1·k + 0.2) / sqrt(width): dense, pseudo-random, folded to a constant at load.
  const k = b.op("Cast", [b.op("Range", [b.i64([0], []), b.i64([width], []), b.i64([1], [])])], { to: { int: 1 } });
  const outer = b.op("Mul", [b.op("Unsqueeze", [k, b.i64([1])]), b.op("Unsqueeze", [k, b.i64([0])])]);
  const weightAngle = b.op("Add", [
    b.op("Mul", [outer, b.f32([0.731], [])]),
    b.op("Unsqueeze", [b.op("Add", [b.op("Mul", [k, b.f32([0.1], [])]), b.f32([0.2], [])]), b.i64([1])]),
  ]);
  const weight = b.op("Mul", [b.op("Sin", [weightAngle]), b.f32([1.5 / Math.sqrt(width)], [])]);
  // The layers share one weight but never an input (each takes the previous layer's output), so common
  // subexpression elimination has nothing to merge. Gain 1.5 keeps the activations from decaying towards 0.
  for (let layer = 0; layer < layers; layer++) hidden = b.op("Tanh", [b.op("MatMul", [hidden, weight])]);

  // One value per row, spread back over that row's samples: [T·R] -> [T, R] -> gather columns j / samplesPerRow.
  const perRowValue = b.op("ReduceMean", [hidden], { axes: { ints: [1] }, keepdims: { int: 0 } });
  const byPositionShape = b.op("Concat", [b.i64([-1]), b.op("Unsqueeze", [rows, b.i64([0])])], { axis: { int: 0 } });
  const rowsByPosition = b.op("Reshape", [perRowValue, byPositionShape]);
  const extra = b.op("Gather", [rowsByPosition, b.op("Div", [j, perRow])], { axis: { int: 1 } }); // [T, d]
  // e is a mean of order 0.01; tanh(1000·e) is then mostly ±1, so the factor really is 1 ± ε (a couple of
  // float32 ulps), not a 1 that rounding swallows.
  const squashed = b.op("Tanh", [b.op("Mul", [extra, b.f32([1000], [])])]);
  const factor = b.op("Add", [b.f32([1], []), b.op("Mul", [squashed, b.f32([HEAVY_EPSILON], [])])]);
  const heavyWave = b.op("Mul", [wave, factor]);
  return finish(
    b,
    heavyWave,
    names,
    `${LIGHT_DOC} Heavy variant: the same audio within 1e-6 per sample, plus ${layers} MatMul layers of width ${width} per ${samplesPerRow} samples.`,
    "heavy",
  );
}
