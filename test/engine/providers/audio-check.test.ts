import { describe, expect, it } from "vitest";
import { audioProblem } from "../../../src/engine/providers/audio-check.js";

const tone = (n: number): Float32Array => Float32Array.from({ length: n }, (_, i) => 0.3 * Math.sin(i / 5));

describe("audioProblem: is a model output usable audio?", () => {
  it("accepts audio of a plausible length: one 600-sample frame per position", () => {
    expect(audioProblem(tone(12 * 600), { positions: 12, speed: 1 })).toBeNull();
  });

  it.each([
    ["empty", new Float32Array(0), /empty/],
    ["NaN", Float32Array.from(tone(7200), (x, i) => (i === 100 ? Number.NaN : x)), /1 of 7200 samples are NaN/],
    ["infinite", Float32Array.from(tone(7200), (x, i) => (i === 5 ? Number.POSITIVE_INFINITY : x)), /NaN or infinite/],
    ["silent", new Float32Array(7200), /silent/],
    ["far too short", tone(12), /wrong length: 12 samples for 12 input positions/],
    ["far too long", tone(12 * 600 * 60), /wrong length/],
  ])("rejects %s audio", (_name, audio, reason) => {
    expect(audioProblem(audio, { positions: 12, speed: 1 })).toMatch(reason);
  });

  it("with a CPU reference, allows a frame or two of difference but not a wrong length", () => {
    expect(audioProblem(tone(7200 + 600), { positions: 12, speed: 1, referenceSamples: 7200 })).toBeNull();
    expect(audioProblem(tone(3600), { positions: 12, speed: 1, referenceSamples: 7200 })).toMatch(/wrong length: 3600 samples where the CPU gives 7200/);
  });
});
