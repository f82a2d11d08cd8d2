// Real ONNX files with Kokoro's inputs and output names whose audio is wrong, standing in for an execution
// provider that computes garbage: all NaN, or one sample per input position (far too short).
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { GraphBuilder } from "../../scripts/onnx/graph-builder.js";
import { encodeModel } from "../../scripts/onnx/onnx-proto.js";

export type Breakage = "nan" | "short";

function brokenModel(kind: Breakage): Uint8Array {
  const b = new GraphBuilder(`kokoro_broken_${kind}`);
  const idsIn = b.input("input_ids", "int64", [1, "num_tokens"]);
  b.input("style", "float32", [1, 256]);
  b.input("speed", "float32", [1]);
  const ids = b.op("Cast", [b.op("Reshape", [idsIn, b.i64([-1])])], { to: { int: 1 } }); // [T] float
  if (kind === "nan") {
    // 600 samples per position, like the real thing, but every one NaN.
    const frames = b.op("Mul", [b.op("Unsqueeze", [ids, b.i64([1])]), b.f32(new Array(600).fill(0), [1, 600])]);
    b.op("Reshape", [b.op("Add", [frames, b.f32([Number.NaN], [])]), b.i64([-1])], {}, "waveform");
  } else {
    b.op("Mul", [b.op("Add", [ids, b.f32([1], [])]), b.f32([0.01], [])], {}, "waveform");
  }
  b.output("waveform", "float32", ["num_samples"]);
  return encodeModel(b.build({ irVersion: 8, opset: 17, producer: "kokoro-server tests" }));
}

/** Writes the broken model to a fresh temporary folder and returns its path. */
export function writeBrokenModel(kind: Breakage): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), `kokoro-broken-${kind}-`)), `broken-${kind}.onnx`);
  writeFileSync(file, brokenModel(kind));
  return file;
}
