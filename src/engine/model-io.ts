/**
 * Reads a Kokoro export's input/output names and types from its session metadata, so one loader
 * serves every export: onnx-community (`input_ids` → `waveform`), kokoro-onnx releases (`tokens` →
 * `audio`) and hexgrad's own export (`input_ids`, int32 `speed` → `waveform`, `duration`).
 */
import { ModelContractError } from "./errors.js";

export type SpeedType = "float32" | "int32" | "int64";

export interface ModelIO {
  readonly idsInput: string;
  readonly styleInput: string;
  readonly speedInput: string;
  readonly speedType: SpeedType;
  readonly audioOutput: string;
  /** Per-token duration output (frames of 600 samples), when the export has one. */
  readonly durationOutput: string | null;
}

/** The part of onnxruntime's ValueMetadata we read; `type` is absent for non-tensor values. */
export interface ValueInfo {
  readonly name: string;
  readonly type?: string;
}

function pick(values: readonly ValueInfo[], candidates: readonly string[]): ValueInfo | undefined {
  for (const c of candidates) {
    const found = values.find((v) => v.name === c);
    if (found) return found;
  }
  return undefined;
}

function describeNames(values: readonly ValueInfo[]): string {
  return values.map((v) => `${v.name}${v.type ? `:${v.type}` : ""}`).join(", ") || "(none)";
}

export function detectModelIO(inputs: readonly ValueInfo[], outputs: readonly ValueInfo[]): ModelIO {
  const ids = pick(inputs, ["input_ids", "tokens"]);
  const style = pick(inputs, ["style", "ref_s"]);
  const speed = pick(inputs, ["speed"]);
  if (!ids || !style || !speed) {
    throw new ModelContractError(
      `not a Kokoro model: expected inputs input_ids|tokens, style and speed, found ${describeNames(inputs)}`,
    );
  }
  if (ids.type && ids.type !== "int64") {
    throw new ModelContractError(`not a Kokoro model: input ${ids.name} is ${ids.type}, expected int64`);
  }
  if (style.type && style.type !== "float32") {
    throw new ModelContractError(`not a Kokoro model: input ${style.name} is ${style.type}, expected float32`);
  }
  const speedType: SpeedType =
    speed.type === "int32" || speed.type === "int64" ? speed.type : "float32";
  if (speed.type && !["float32", "int32", "int64"].includes(speed.type)) {
    throw new ModelContractError(`not a Kokoro model: input speed is ${speed.type}`);
  }
  const audio = pick(outputs, ["waveform", "audio"]) ?? outputs.find((o) => o.name !== "duration" && o.name !== "durations");
  if (!audio) {
    throw new ModelContractError(`not a Kokoro model: no audio output among ${describeNames(outputs)}`);
  }
  const duration = pick(outputs, ["duration", "durations"]);
  return {
    idsInput: ids.name,
    styleInput: style.name,
    speedInput: speed.name,
    speedType,
    audioOutput: audio.name,
    durationOutput: duration?.name ?? null,
  };
}
