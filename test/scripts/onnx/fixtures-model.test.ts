// The generated fixture models, run through the real onnxruntime-node, against the JS reference and the decoder.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InferenceSession, Tensor } from "onnxruntime-node";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeModel } from "../../../scripts/onnx/onnx-proto.js";
import {
  ensureFixtureModels,
  FIXTURE_MODELS,
  HEAVY_WORK,
  type FixtureModelName,
} from "../../../scripts/onnx/fixture-models.js";
import { KOKORO_VOCAB } from "../../../src/g2p/vocab.js";
import {
  decodeFixtureAudio,
  expectedFixtureAudio,
  fixtureAmplitude,
  samplesPerToken,
  splitOnPads,
  stripPads,
  toneHz,
} from "../../helpers/fixture-audio.js";

const sessions = new Map<FixtureModelName, InferenceSession>();

beforeAll(async () => {
  await ensureFixtureModels();
  for (const name of ["light", "v1", "heavy"] as const) {
    sessions.set(name, await InferenceSession.create(FIXTURE_MODELS[name], { graphOptimizationLevel: "all" }));
  }
});

function session(name: FixtureModelName): InferenceSession {
  const s = sessions.get(name);
  if (!s) throw new Error(`no session for ${name}`);
  return s;
}

function styleRow(style00: number): Float32Array {
  // Only style[0,0] may matter; fill the rest with something else to prove it is ignored.
  return Float32Array.from({ length: 256 }, (_, k) => (k === 0 ? style00 : Math.sin(k) * 3));
}

async function synthesize(name: FixtureModelName, ids: number[], speed: number, style00: number): Promise<Float32Array> {
  const s = session(name);
  const [idsName, styleName, speedName] = s.inputNames;
  const [audioName] = s.outputNames;
  if (!idsName || !styleName || !speedName || !audioName) throw new Error("unexpected model I/O");
  const out = await s.run({
    [idsName]: new Tensor("int64", BigInt64Array.from(ids, (id) => BigInt(id)), [1, ids.length]),
    [styleName]: new Tensor("float32", styleRow(style00), [1, 256]),
    [speedName]: new Tensor("float32", Float32Array.of(speed), [1]),
  });
  const audio = out[audioName];
  if (!audio) throw new Error(`no ${audioName} output`);
  expect(audio.type).toBe("float32");
  expect(audio.dims).toEqual([ids.length * samplesPerToken(speed)]);
  return audio.data as Float32Array;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return max;
}

function toInt16(samples: Float32Array): Int16Array {
  return Int16Array.from(samples, (x) => Math.max(-32768, Math.min(32767, Math.round(x * 32768))));
}

const VALID_IDS = [...new Set(KOKORO_VOCAB.values())].sort((a, b) => a - b);
const SENTENCE = [0, 50, 83, 54, 156, 57, 16, 65, 86, 123, 54, 46, 4, 0];
const WITH_INNER_PADS = [0, 1, 177, 0, 0, 83, 0, 24, 0];

describe("fixture model files", () => {
  it("are regenerated only when their bytes change", async () => {
    const again = await ensureFixtureModels();
    expect(again.written).toEqual([]);
  });

  it("are small ONNX files at opset 17 with the documented metadata", async () => {
    for (const name of ["light", "v1", "heavy"] as const) {
      const bytes = await readFile(FIXTURE_MODELS[name]);
      expect(bytes.length).toBeLessThan(20 * 1024 * 1024);
      const model = decodeModel(bytes);
      expect(model.ir_version).toBe(8);
      expect(model.opset_import).toEqual([{ version: 17 }]);
      expect(model.metadata_props).toContainEqual({ key: "fixture", value: name === "heavy" ? "heavy" : "light" });
    }
  });

  it("declare Kokoro's I/O contract with both naming conventions", () => {
    const expectations: Array<[FixtureModelName, string, string]> = [
      ["light", "input_ids", "waveform"],
      ["v1", "tokens", "audio"],
      ["heavy", "input_ids", "waveform"],
    ];
    for (const [name, idsName, audioName] of expectations) {
      const s = session(name);
      expect(s.inputNames).toEqual([idsName, "style", "speed"]);
      expect(s.outputNames).toEqual([audioName]);
      expect(s.inputMetadata).toEqual([
        { name: idsName, isTensor: true, type: "int64", shape: [1, "num_tokens"] },
        { name: "style", isTensor: true, type: "float32", shape: [1, 256] },
        { name: "speed", isTensor: true, type: "float32", shape: [1] },
      ]);
      expect(s.outputMetadata).toEqual([{ name: audioName, isTensor: true, type: "float32", shape: ["num_samples"] }]);
    }
  });
});

describe("fixture audio semantics", () => {
  const sequences = [SENTENCE, WITH_INNER_PADS, [0, 0], [42]];

  it.each([0.5, 1, 2])("light model matches the reference at speed %s", async (speed) => {
    for (const ids of sequences) {
      for (const style00 of [-2, 0, 0.7]) {
        const audio = await synthesize("light", ids, speed, style00);
        expect(maxAbsDiff(audio, expectedFixtureAudio(ids, speed, style00))).toBeLessThan(1e-5);
      }
    }
  });

  it("reference has the documented shape: pads silent, tone frequency and amplitude per id", () => {
    const audio = expectedFixtureAudio([0, 10, 0], 1, 0.7);
    expect(audio.length).toBe(1800);
    expect(audio.subarray(0, 600).every((x) => x === 0)).toBe(true);
    expect(audio.subarray(1200).every((x) => x === 0)).toBe(true);
    const amplitude = 0.3 + 0.2 * Math.tanh(Math.fround(0.7));
    // id 10 -> 500 Hz -> a 48-sample period: the peak sits a quarter period in.
    expect(toneHz(10)).toBe(500);
    expect(audio[600 + 12]).toBeCloseTo(amplitude, 6);
    expect(audio[600 + 36]).toBeCloseTo(-amplitude, 6);
    expect(audio[600 + 24]).toBeCloseTo(0, 6);
  });

  it("v1 model gives the same audio as the light model", async () => {
    const a = await synthesize("light", SENTENCE, 1.3, 0.2);
    const b = await synthesize("v1", SENTENCE, 1.3, 0.2);
    expect(maxAbsDiff(a, b)).toBe(0);
  });

  it("rounds 600/speed half to even, and never below one sample", async () => {
    expect(samplesPerToken(240)).toBe(2); // 2.5 -> 2
    expect(samplesPerToken(400)).toBe(2); // 1.5 -> 2
    expect(samplesPerToken(1200)).toBe(1); // 0.5 -> 0 -> clamped to 1
    expect(samplesPerToken(5000)).toBe(1);
    expect(samplesPerToken(0.25)).toBe(2400);
    expect(samplesPerToken(1.1)).toBe(545); // 545.45...
    for (const speed of [240, 400, 1200, 5000, 1.1, 0.7]) {
      const audio = await synthesize("light", [0, 7, 9, 0], speed, 0);
      expect(audio.length).toBe(4 * samplesPerToken(speed));
      expect(maxAbsDiff(audio, expectedFixtureAudio([0, 7, 9, 0], speed, 0))).toBeLessThan(1e-5);
    }
  });

  it("heavy model gives the light model's audio within 1e-6, and its extra compute reaches the output", async () => {
    const ids = [0, ...VALID_IDS.slice(0, 40), 0, ...VALID_IDS.slice(60, 80), 0];
    for (const speed of [0.5, 1, 2]) {
      const light = await synthesize("light", ids, speed, 0.4);
      const heavy = await synthesize("heavy", ids, speed, 0.4);
      expect(maxAbsDiff(heavy, light)).toBeLessThan(1e-6);
      // Not bit-identical: the stand-in network's term is really computed and used, not optimized away.
      expect(heavy.some((x, i) => x !== light[i])).toBe(true);
      // Pads stay exact silence.
      const d = samplesPerToken(speed);
      expect(heavy.subarray(0, d).every((x) => x === 0)).toBe(true);
    }
  });
});

describe("heavy fixture's extra compute", () => {
  it("survives ONNX Runtime's full graph optimization", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kokoro-fixture-"));
    try {
      const optimizedPath = join(dir, "heavy-optimized.onnx");
      // logSeverityLevel 3: errors only, not ORT's warning that an "all"-optimized graph is hardware-specific (as in open-pool.ts).
      await InferenceSession.create(FIXTURE_MODELS.heavy, { graphOptimizationLevel: "all", optimizedModelFilePath: optimizedPath, logSeverityLevel: 3 });
      const model = decodeModel(await readFile(optimizedPath)) as { graph: { node: Array<{ op_type: string }> } };
      const matmuls = model.graph.node.filter((n) => ["MatMul", "Gemm", "FusedMatMul", "FusedGemm"].includes(n.op_type));
      expect(matmuls.length).toBe(HEAVY_WORK.layers);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("decodeFixtureAudio", () => {
  it("round-trips every vocabulary id, pads included, at the fastest and slowest speeds", () => {
    const ids = [0, ...VALID_IDS, 0, 0, ...[...VALID_IDS].reverse(), 0];
    for (const speed of [4, 0.25]) {
      const decoded = decodeFixtureAudio(expectedFixtureAudio(ids, speed, 1.5), { speed });
      expect(decoded.ids).toEqual(ids);
    }
  });

  it("round-trips ORT output as float and as int16, with the amplitude of style[0,0]", async () => {
    for (const [speed, style00] of [
      [1, 0],
      [0.5, -1.2],
      [2, 2.5],
    ] as const) {
      const audio = await synthesize("light", WITH_INNER_PADS, speed, style00);
      for (const samples of [audio, toInt16(audio)]) {
        const decoded = decodeFixtureAudio(samples, { speed });
        expect(decoded.ids).toEqual(WITH_INNER_PADS);
        WITH_INNER_PADS.forEach((id, i) => {
          const expected = id === 0 ? 0 : fixtureAmplitude(style00);
          expect(Math.abs((decoded.amplitudes[i] ?? NaN) - expected)).toBeLessThan(1e-3);
        });
      }
    }
  });

  it("decodes the heavy model's audio too", async () => {
    const audio = await synthesize("heavy", SENTENCE, 1, 0.3);
    expect(decodeFixtureAudio(toInt16(audio), { samplesPerToken: 600 }).ids).toEqual(SENTENCE);
  });

  it("rejects audio whose length is not a whole number of tokens", () => {
    const audio = expectedFixtureAudio([0, 50, 0], 1, 0);
    expect(() => decodeFixtureAudio(audio.subarray(0, 1799), { speed: 1 })).toThrow(/not a multiple of 600/);
    // 1800 samples split evenly at speed 2 (d = 300), but the second half of a tone is not a tone from j = 0.
    expect(() => decodeFixtureAudio(audio, { speed: 2 })).toThrow(/not a clean token tone/);
    expect(() => decodeFixtureAudio(audio, { samplesPerToken: 7 })).toThrow(/at least 32 samples/);
    audio[700] = NaN;
    expect(() => decodeFixtureAudio(audio)).toThrow(/segment 1 holds a non-finite sample/);
  });

  it("rejects a segment that is not one clean tone", () => {
    const a = expectedFixtureAudio([50, 60], 1, 0);
    const b = expectedFixtureAudio([83, 60], 1, 0);
    const mixed = a.map((x, i) => x + (b[i] ?? 0));
    expect(() => decodeFixtureAudio(mixed)).toThrow(/segment 0 .* not a clean token tone/);
    // Misaligned audio (half a token shifted) is caught the same way.
    const shifted = expectedFixtureAudio([50, 60, 70], 1, 0).subarray(300, 1500);
    expect(() => decodeFixtureAudio(shifted)).toThrow(/not a clean token tone/);
  });

  it("treats quiet segments as pads and reports the tone's fit", () => {
    const audio = expectedFixtureAudio([0, 99, 0], 1, 0);
    audio[100] = 5e-4;
    const decoded = decodeFixtureAudio(audio);
    expect(decoded.ids).toEqual([0, 99, 0]);
    expect(decoded.residuals[1]).toBeLessThan(1e-6);
  });
});

describe("pad helpers", () => {
  it("strip pads and split calls on them", () => {
    expect(stripPads([0, 5, 6, 0, 0, 7, 0])).toEqual([5, 6, 7]);
    expect(splitOnPads([0, 5, 6, 0, 0, 7, 0])).toEqual([[5, 6], [7]]);
    expect(splitOnPads([5, 0, 6])).toEqual([[5], [6]]);
    expect(splitOnPads([0, 0])).toEqual([]);
  });
});
