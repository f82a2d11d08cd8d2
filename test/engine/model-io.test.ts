import { describe, expect, it } from "vitest";
import { detectModelIO } from "../../src/engine/model-io.js";
import { ModelContractError } from "../../src/engine/errors.js";

describe("detectModelIO", () => {
  it("reads the onnx-community names", () => {
    const io = detectModelIO(
      [{ name: "input_ids", type: "int64" }, { name: "style", type: "float32" }, { name: "speed", type: "float32" }],
      [{ name: "waveform", type: "float32" }],
    );
    expect(io).toEqual({
      idsInput: "input_ids",
      styleInput: "style",
      speedInput: "speed",
      speedType: "float32",
      audioOutput: "waveform",
      durationOutput: null,
    });
  });

  it("reads the kokoro-onnx release names", () => {
    const io = detectModelIO(
      [{ name: "tokens", type: "int64" }, { name: "style", type: "float32" }, { name: "speed", type: "float32" }],
      [{ name: "audio", type: "float32" }],
    );
    expect(io.idsInput).toBe("tokens");
    expect(io.audioOutput).toBe("audio");
  });

  it("handles hexgrad's export: int32 speed and a duration output listed first", () => {
    const io = detectModelIO(
      [{ name: "input_ids", type: "int64" }, { name: "style", type: "float32" }, { name: "speed", type: "int32" }],
      [{ name: "duration", type: "int64" }, { name: "waveform", type: "float32" }],
    );
    expect(io.speedType).toBe("int32");
    expect(io.audioOutput).toBe("waveform");
    expect(io.durationOutput).toBe("duration");
  });

  it("falls back to the first non-duration output when the audio output has another name", () => {
    const io = detectModelIO(
      [{ name: "tokens", type: "int64" }, { name: "style", type: "float32" }, { name: "speed", type: "float32" }],
      [{ name: "durations", type: "int64" }, { name: "output_0", type: "float32" }],
    );
    expect(io.audioOutput).toBe("output_0");
    expect(io.durationOutput).toBe("durations");
  });

  it("rejects a model without Kokoro's inputs, naming what it found", () => {
    expect(() => detectModelIO([{ name: "x", type: "float32" }], [{ name: "y" }])).toThrow(ModelContractError);
    expect(() => detectModelIO([{ name: "x", type: "float32" }], [{ name: "y" }])).toThrow(/found x:float32/);
  });

  it("rejects ids that are not int64", () => {
    expect(() =>
      detectModelIO(
        [{ name: "input_ids", type: "int32" }, { name: "style", type: "float32" }, { name: "speed", type: "float32" }],
        [{ name: "waveform" }],
      ),
    ).toThrow(/int32, expected int64/);
  });
});
