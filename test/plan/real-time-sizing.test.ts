import { describe, expect, it } from "vitest";
import { CostModel } from "../../src/engine/cost-model.js";
import { planChunks, type PhonemizedPiece } from "../../src/plan/plan-chunks.js";
import { estimatedAudioMs, realTimeLimit, type CallCost } from "../../src/plan/real-time-sizing.js";
import type { PhonemeChunk } from "../../src/plan/types.js";

const chunk = (ids: number): PhonemeChunk => ({ seq: 0, ids: new Array(ids).fill(50), phonemes: "", words: [], breakAfter: "sentence" });
const linear = (fixed: number, perId: number): CallCost => ({
  predictMs: (ids) => fixed + perId * ids,
  idsWithin: (ms) => Math.floor((ms - fixed) / perId),
});

describe("CostModel", () => {
  it("knows nothing until it has seen calls of different sizes, then fits fixed + per-id cost", () => {
    const m = new CostModel();
    expect(m.predictMs(100)).toBeNull();
    m.observe(50, 60);
    m.observe(50, 60);
    expect(m.predictMs(100)).toBeNull();
    m.observe(150, 160);
    m.observe(250, 260);
    expect(m.predictMs(100)).toBeCloseTo(110, 6);
    expect(m.idsWithin(210)).toBe(200);
  });

  it("follows a change of speed (older calls decay)", () => {
    const m = new CostModel(0.5);
    for (let i = 0; i < 10; i++) m.observe(100 + i * 10, 100 + i * 10);
    for (let i = 0; i < 20; i++) m.observe(100 + (i % 10) * 10, 2 * (100 + (i % 10) * 10));
    expect(m.predictMs(200)!).toBeGreaterThan(380);
  });
});

describe("realTimeLimit", () => {
  it("sizes the next call to fit in the audio buffered ahead of a real-time listener", () => {
    // 10 ms of compute per id, 25 ms of audio per id: after a 48-id first call, 1.25 s is buffered.
    const limit = realTimeLimit(linear(0, 10), 1, 510);
    expect(limit([chunk(48)])).toBe(Math.floor((estimatedAudioMs(48, 1) * 0.8) / 10));
    // Two calls: audio of both, minus the compute of the second.
    expect(limit([chunk(48), chunk(100)])).toBe(Math.floor(((estimatedAudioMs(48, 1) + estimatedAudioMs(100, 1) - 1000) * 0.8) / 10));
  });

  it("doubles while the cost is unknown, and goes full size when the machine is slower than real time", () => {
    const unknown: CallCost = { predictMs: () => null, idsWithin: () => null };
    expect(realTimeLimit(unknown, 1, 510)([chunk(48)])).toBe(96);
    expect(realTimeLimit(linear(0, 100), 1, 510)([chunk(48), chunk(96)])).toBe(510);
  });

  it("drives planChunks: a fast engine gets big calls early, a tight one small calls", () => {
    const sentence: PhonemizedPiece = {
      tokens: Array.from({ length: 12 }, (_, i) => ({ text: `w${i}`, phonemes: "bbbb", kind: "word" as const, spaceAfter: i < 11 })),
      breakAfter: "sentence",
    };
    const pieces = Array.from({ length: 40 }, () => sentence);
    const fast = planChunks(pieces, { nextLimit: realTimeLimit(linear(5, 0.5), 1, 510) });
    const tight = planChunks(pieces, { nextLimit: realTimeLimit(linear(5, 12), 1, 510) });
    expect(fast[0]!.ids.length).toBeLessThanOrEqual(48);
    expect(fast[1]!.ids.length).toBeGreaterThan(400);
    expect(tight[1]!.ids.length).toBeLessThan(fast[1]!.ids.length);
    const words = (plan: PhonemeChunk[]) => plan.flatMap((c) => c.words.map((w) => w.text));
    expect(words(fast)).toEqual(words(tight));
    for (const c of [...fast, ...tight]) expect(c.ids.length).toBeLessThanOrEqual(510);
  });
});

describe("CostModel with noise", () => {
  it("treats a cost that does not grow with length as (almost) free per id, never as unknown", () => {
    const m = new CostModel();
    m.observe(20, 5);
    m.observe(200, 4); // longer but faster: noise
    expect(m.predictMs(100)).not.toBeNull();
    expect(m.idsWithin(1000)!).toBeGreaterThan(510);
  });
});
