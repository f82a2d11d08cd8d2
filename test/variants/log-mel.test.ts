import { describe, expect, it } from "vitest";
import { logMelDistance, logMelSpectrogram } from "../../src/variants/log-mel.js";

/** A deterministic speech-like signal: a few harmonics with a syllable envelope. */
function voiced(seconds: number, f0 = 140): Float32Array {
  return Float32Array.from({ length: Math.round(24_000 * seconds) }, (_, i) => {
    const t = i / 24_000;
    const envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 3 * t);
    return envelope * (0.3 * Math.sin(2 * Math.PI * f0 * t) + 0.15 * Math.sin(2 * Math.PI * 2 * f0 * t) + 0.05 * Math.sin(2 * Math.PI * 5 * f0 * t));
  });
}

/** Deterministic uniform noise in [-1, 1). */
function noise(length: number, seed = 1): Float32Array {
  let state = seed;
  return Float32Array.from({ length }, () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return (state / 2 ** 30) - 1;
  });
}

const plus = (a: Float32Array, b: Float32Array, scale: number): Float32Array => Float32Array.from(a, (x, i) => x + scale * b[i]!);

describe("log-mel spectrogram and distance", () => {
  it("puts a pure tone's energy in the mel band that holds its frequency", () => {
    const tone = Float32Array.from({ length: 24_000 }, (_, i) => Math.sin((2 * Math.PI * 1000 * i) / 24_000));
    const spec = logMelSpectrogram(tone);
    expect(spec.mels).toBe(80);
    expect(spec.frames).toBe(1 + Math.floor(24_000 / 256));
    const mid = Math.floor(spec.frames / 2);
    const row = Array.from(spec.db.subarray(mid * 80, mid * 80 + 80));
    const loudest = row.indexOf(Math.max(...row));
    // 1 kHz is 1000 mel; 80 bands evenly over 0..hzToMel(12000) ≈ 3222 mel put it near band 24.
    expect(loudest).toBeGreaterThanOrEqual(22);
    expect(loudest).toBeLessThanOrEqual(26);
  });

  it("is 0 for identical audio", () => {
    const a = voiced(1.5);
    expect(logMelDistance(a, a.slice()).meanAbsDb).toBe(0);
    expect(logMelDistance(a, a.slice(), { alignment: "none" }).meanAbsDb).toBe(0);
  });

  it("grows with added noise, monotonically in its level", () => {
    const a = voiced(1.5);
    const n = noise(a.length);
    const distances = [1e-4, 1e-3, 1e-2, 1e-1].map((level) => logMelDistance(a, plus(a, n, level)).meanAbsDb);
    expect(distances[0]).toBeGreaterThan(0);
    for (let i = 1; i < distances.length; i++) expect(distances[i]).toBeGreaterThan(distances[i - 1]!);
    expect(distances.at(-1)).toBeGreaterThan(5); // clearly audible noise is several dB away
  });

  it("tells different speech apart far more than a small perturbation", () => {
    // With a faint noise floor, as recordings and the model's output have (pure tones leave empty bands).
    const floor = noise(36_000, 7);
    const a = plus(voiced(1.5), floor, 0.01);
    const small = logMelDistance(a, plus(a, noise(a.length), 1e-3)).meanAbsDb;
    const other = logMelDistance(a, plus(voiced(1.5, 220), floor, 0.01)).meanAbsDb;
    expect(other).toBeGreaterThan(10 * small);
  });

  it("aligns a small timing difference (a frame of delay) instead of counting it as a difference", () => {
    const a = voiced(1.5);
    const delayed = new Float32Array(a.length + 600);
    delayed.set(a, 600);
    const aligned = logMelDistance(a, delayed).meanAbsDb;
    const unaligned = logMelDistance(a, delayed, { alignment: "none" }).meanAbsDb;
    expect(aligned).toBeLessThan(unaligned / 2);
  });
});
