import { describe, expect, it } from "vitest";
import { DEFAULT_SEAMS, seamCall } from "../../src/audio/seams.js";

const SR = 24000;
/** silence(lead) + a 0.5 tone of n samples + silence(tail). */
function call(lead: number, n: number, tail: number): Float32Array {
  const out = new Float32Array(lead + n + tail);
  for (let i = 0; i < n; i++) out[lead + i] = 0.5 * Math.sin((2 * Math.PI * 440 * (i + 0.5)) / SR);
  return out;
}

describe("seamCall", () => {
  it("replaces the model's silences with the edge plus the natural pause for the boundary", () => {
    const raw = call(3000, 4800, 5000);
    for (const kind of ["paragraph", "sentence", "clause", "none"] as const) {
      const { samples, cutStart } = seamCall(raw, kind, SR);
      expect(cutStart).toBe(3000 - 240);
      const edge = 240;
      expect(samples.length).toBe(edge + 4800 + edge + (DEFAULT_SEAMS.pauseMs[kind] * SR) / 1000);
      // The audible part is untouched.
      for (let i = 0; i < 4800; i++) expect(samples[edge + i]).toBe(raw[3000 + i]);
    }
  });

  it("fades only the kept edges, so a cut through noise does not click", () => {
    const raw = call(1000, 2400, 1000);
    for (let i = 0; i < raw.length; i++) if (raw[i] === 0) raw[i] = 0.0005; // low-level noise under the threshold
    const { samples } = seamCall(raw, "sentence", SR);
    expect(samples[0]).toBe(0);
    expect(Math.abs(samples[1]!)).toBeLessThan(0.0005);
    expect(samples[239]).toBeCloseTo(0.0005, 6); // outside the 5 ms fade
    const tailEnd = 240 + 2400 + 240;
    expect(samples[tailEnd - 1]).toBe(0);
    expect(samples.subarray(tailEnd).every((v) => v === 0)).toBe(true);
  });

  it("keeps what there is when the sound starts at the very first sample, and makes silence of a silent call", () => {
    const { samples, cutStart } = seamCall(call(0, 1000, 0), "none", SR);
    expect(cutStart).toBe(0);
    expect(samples.length).toBe(1000 + (40 * SR) / 1000);
    expect(seamCall(new Float32Array(500), "clause", SR).samples.length).toBe((150 * SR) / 1000);
  });
});
