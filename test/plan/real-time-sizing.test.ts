import { describe, expect, it } from "vitest";
import { CostModel } from "../../src/engine/cost-model.js";
import type { PhonemeToken } from "../../src/g2p/types.js";
import { CallPlanner } from "../../src/plan/call-planner.js";
import { realTimeSizes, SENTENCE_PACK_IDS, WHOLE_TEXT_SLACK, type CallCost, type RealTimeOptions } from "../../src/plan/real-time-sizing.js";
import type { PhonemizedPiece } from "../../src/plan/units.js";
import type { PhonemeChunk } from "../../src/plan/types.js";

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

/** Words of 4 phonemes; a comma after every `commaEvery` words; a full stop at the end. */
function sentence(words: number, commaEvery = 0): PhonemizedPiece {
  const tokens: PhonemeToken[] = [];
  for (let i = 0; i < words; i++) {
    const comma = commaEvery > 0 && (i + 1) % commaEvery === 0 && i < words - 1;
    tokens.push({ text: `w${i}`, phonemes: "bbbb", kind: "word", spaceAfter: !comma && i < words - 1 });
    if (comma) tokens.push({ text: ",", phonemes: ",", kind: "punct", spaceAfter: true });
  }
  tokens.push({ text: ".", phonemes: ".", kind: "punct", spaceAfter: false });
  return { tokens, breakAfter: "sentence" };
}
const plan = (pieces: readonly PhonemizedPiece[], options: RealTimeOptions): PhonemeChunk[] =>
  new CallPlanner(realTimeSizes(options)).add(pieces, true);
const words = (calls: readonly PhonemeChunk[]): string[] => calls.flatMap((c) => c.words.map((w) => w.text));
const allWords = (pieces: readonly PhonemizedPiece[]): string[] => pieces.flatMap((p) => p.tokens.map((t) => t.text));

describe("realTimeSizes", () => {
  it("makes the first call one word when the budget holds less than a word (never a whole call's worth of text)", () => {
    // 100 ms per id: a 150 ms budget holds 1 id, and each word has 4 phonemes.
    const calls = plan([sentence(30, 5), sentence(30, 5)], { cost: linear(0, 100), speed: 1, firstCallMs: 150 });
    expect(calls[0]!.words.map((w) => w.text)).toEqual(["w0"]);
    expect(words(calls)).toEqual(allWords([sentence(30, 5), sentence(30, 5)]));
  });

  it("sizes the first call to the TTFA budget, at the strongest boundary in it, and keeps a short text whole", () => {
    // 20 ms per id: a 400 ms budget holds 20 ids. A 14-word sentence with commas every 2 words: cut at a comma.
    const long = plan([sentence(14, 2)], { cost: linear(0, 20), speed: 1, firstCallMs: 400 });
    expect(long[0]!.ids.length).toBeLessThanOrEqual(20);
    expect(long[0]!.words.at(-1)!.text).toBe(",");
    // The same budget and a text that fits it: one call.
    expect(plan([sentence(3)], { cost: linear(0, 20), speed: 1, firstCallMs: 400 })).toHaveLength(1);
    // A budget five times larger makes a longer first call.
    const roomy = plan([sentence(14, 2)], { cost: linear(0, 20), speed: 1, firstCallMs: 2000 });
    expect(roomy[0]!.ids.length).toBeGreaterThan(long[0]!.ids.length);
  });

  it("keeps a short text whole when it is a little over the budget, and cuts one that is well over it", () => {
    // 20 ms per id, 400 ms: 20 ids. A 5-word sentence is 5×4 + 4 spaces + "." = 25 ids: within 1.25 × 20.
    const cost = linear(0, 20);
    const ids = (calls: readonly PhonemeChunk[]): number => calls.reduce((n, c) => n + c.ids.length, 0);
    const justOver = plan([sentence(5)], { cost, speed: 1, firstCallMs: 400 });
    expect(ids(justOver)).toBeGreaterThan(20);
    expect(ids(justOver)).toBeLessThanOrEqual(20 * WHOLE_TEXT_SLACK);
    expect(justOver).toHaveLength(1);
    // 7 words (35 ids) are well over: cut, at the comma, within the budget.
    const wellOver = plan([sentence(7, 2)], { cost, speed: 1, firstCallMs: 400 });
    expect(wellOver.length).toBeGreaterThan(1);
    expect(wellOver[0]!.ids.length).toBeLessThanOrEqual(20);
  });

  it("does not make a one-word first call when a later boundary is in budget", () => {
    // "w0." then a long sentence: the sentence end after 5 ids is under a third of a 40-id budget.
    const pieces = [sentence(1), sentence(30)];
    const calls = plan(pieces, { cost: linear(0, 10), speed: 1, firstCallMs: 400 });
    expect(calls[0]!.ids.length).toBeGreaterThan(40 / 3);
    expect(calls[0]!.ids.length).toBeLessThanOrEqual(40);
  });

  it("makes later calls whole sentences, packed up to SENTENCE_PACK_IDS, when the machine is far faster than real time", () => {
    // 5 ms per id: far faster than real time (25 ms of audio per id). After the first call, whole sentences only.
    const pieces = Array.from({ length: 40 }, () => sentence(12, 4));
    const calls = plan(pieces, { cost: linear(0, 5), speed: 1, firstCallMs: 300 });
    for (const c of calls.slice(1, -1)) expect(c.breakAfter).toBe("sentence");
    for (const c of calls.slice(1)) expect(c.ids.length).toBeLessThanOrEqual(SENTENCE_PACK_IDS); // sentences of ~62 ids, two a call
    expect(Math.max(...calls.map((c) => c.ids.length))).toBeLessThanOrEqual(510);
    expect(words(calls)).toEqual(allWords(pieces));
  });

  it("cuts inside a sentence only at a clause, and never makes a later call shorter than a clause", () => {
    // 24 ms per id: barely real time, so the buffer stays short and long sentences must be cut.
    const pieces = Array.from({ length: 20 }, () => sentence(30, 5));
    const calls = plan(pieces, { cost: linear(0, 24), speed: 1, firstCallMs: 400 });
    for (const c of calls.slice(1, -1)) expect(["clause", "sentence"]).toContain(c.breakAfter);
    // The shortest clause here is 5 words (24 ids with spaces and the comma), the rest of a cut one at least a word.
    for (const c of calls.slice(2)) expect(c.ids.length).toBeGreaterThanOrEqual(20);
    expect(words(calls)).toEqual(allWords(pieces));
  });

  it("a machine slower than real time gets clause-sized calls, not tiny ones", () => {
    const pieces = Array.from({ length: 20 }, () => sentence(30, 5));
    const calls = plan(pieces, { cost: linear(0, 60), speed: 1, firstCallMs: 400 });
    const clauses = pieces.length * 6;
    expect(calls.length).toBeLessThanOrEqual(clauses + 1);
    for (const c of calls.slice(2)) expect(c.ids.length).toBeGreaterThanOrEqual(20);
  });

  it("plans a whole file (no listener) in calls of whole sentences, short ones packed together", () => {
    const pieces = Array.from({ length: 40 }, () => sentence(12, 4));
    const calls = plan(pieces, { cost: linear(0, 60), speed: 1 });
    const sentenceIds = calls.at(-1)!.ids.length; // the last call is one sentence here (40 of 3 a call)
    for (const c of calls.slice(0, -1)) {
      expect(c.breakAfter).toBe("sentence");
      expect(c.ids.length).toBeLessThanOrEqual(SENTENCE_PACK_IDS);
      expect(c.ids.length + sentenceIds).toBeGreaterThan(SENTENCE_PACK_IDS); // packed as full as the limit allows
    }
    expect(words(calls)).toEqual(allWords(pieces));
  });

  it("is stable: run after run on the same machine, the same text gets the same calls, whatever its calls measure", () => {
    // The engine's cost model, seeded as at start-up, then fed every call of every run with ±8% noise (an idle but
    // noisy machine): the plans are made from CostModel.forPlanning, so they cannot follow that noise.
    const pieces = Array.from({ length: 60 }, (_, i) => sentence(6 + ((i * 7) % 25), 5));
    const model = new CostModel();
    model.observe(6, 6 * 22);
    model.observe(40, 40 * 22);
    let seed = 7;
    const noise = (): number => 1 + ((seed = (seed * 48271) % 2147483647) / 2147483647 - 0.5) * 0.16;
    const runs: number[][] = [];
    for (let run = 0; run < 12; run++) {
      const calls = plan(pieces, { cost: model.forPlanning(), speed: 1, firstCallMs: 400 });
      runs.push(calls.map((c) => c.ids.length));
      for (const c of calls) model.observe(c.ids.length, c.ids.length * 22 * noise());
    }
    for (const sizes of runs) expect(sizes).toEqual(runs[0]);
    // Without the held line (planning with the raw measured line), the same runs would not all agree.
    const raw = new CostModel();
    raw.observe(6, 6 * 22);
    raw.observe(40, 40 * 22);
    const rawRuns = new Set<string>();
    for (let run = 0; run < 12; run++) {
      const calls = plan(pieces, { cost: raw, speed: 1, firstCallMs: 400 });
      rawRuns.add(calls.map((c) => c.ids.length).join(","));
      for (const c of calls) raw.observe(c.ids.length, c.ids.length * 22 * noise());
    }
    expect(rawRuns.size).toBeGreaterThan(1);
  });

  it("after the first call, whole sentences as soon as the buffer allows: the sentence calls do not depend on the cost", () => {
    const pieces = Array.from({ length: 60 }, (_, i) => sentence(6 + ((i * 7) % 25), 5));
    const tail = (perId: number): string[] =>
      plan(pieces, { cost: linear(0, perId), speed: 1, firstCallMs: 400 })
        .slice(-15)
        .map((c) => c.phonemes);
    expect(tail(15)).toEqual(tail(22));
  });

  it("counts the audio a call makes at the model's measured speaking rate, not one frame per id", () => {
    // 22 ms per id: at 25 ms of audio per id barely real time; at Kokoro's ~75 ms per id three times faster.
    const pieces = Array.from({ length: 40 }, (_, i) => sentence(8 + ((i * 5) % 17), 4));
    const at = (audioMsPerId: number | null): PhonemeChunk[] =>
      plan(pieces, { cost: { ...linear(0, 22), audioMsPerId: () => audioMsPerId }, speed: 1, firstCallMs: 400 });
    const frames = at(null);
    const speech = at(75);
    expect(speech.length).toBeLessThan(frames.length);
    // At 75 ms per id the listener's buffer allows whole sentences from the second call on.
    for (const c of speech.slice(1, -1)) expect(c.breakAfter).toBe("sentence");
    expect(frames.slice(1, -1).some((c) => c.breakAfter === "clause")).toBe(true);
  });

  it("learns the speaking rate from the calls it sees (CostModel)", () => {
    const m = new CostModel();
    expect(m.audioMsPerId()).toBeNull();
    m.observe(20, 400, 75);
    m.observe(40, 800, 75);
    expect(m.forPlanning().audioMsPerId()).toBeCloseTo(75, 6);
  });

  it("doubles the call before while the cost is unknown", () => {
    const unknown: CallCost = { predictMs: () => null, idsWithin: () => null };
    const pieces = Array.from({ length: 40 }, () => sentence(6));
    const calls = plan(pieces, { cost: unknown, speed: 1, firstCallMs: 400 });
    expect(calls[0]!.ids.length).toBeLessThanOrEqual(48);
    for (let i = 1; i < calls.length - 1; i++) expect(calls[i]!.ids.length).toBeLessThanOrEqual(Math.max(2 * calls[i - 1]!.ids.length, 34));
    expect(words(calls)).toEqual(allWords(pieces));
  });

  it("plans the head of a text first, then the rest, exactly as it plans the whole text at once", () => {
    const pieces = Array.from({ length: 30 }, (_, i) => sentence(5 + (i % 9), 4));
    const options = { cost: linear(1, 22), speed: 1, firstCallMs: 400 };
    const planner = new CallPlanner(realTimeSizes(options));
    const first = planner.add(pieces.slice(0, 3), false);
    expect(first).toHaveLength(1);
    const rest = planner.add(pieces.slice(3), true);
    expect([...first, ...rest].map((c) => c.phonemes)).toEqual(plan(pieces, options).map((c) => c.phonemes));
  });
});

describe("CostModel.forPlanning", () => {
  it("keeps its slope when the calls it sees are all about the same size (a noisy flat fit must not make length free)", () => {
    const m = new CostModel();
    m.observe(6, 6 * 22);
    m.observe(33, 33 * 22);
    const first = m.forPlanning().idsWithin(400)!;
    let seed = 11;
    const noise = (): number => 1 + ((seed = (seed * 48271) % 2147483647) / 2147483647 - 0.5) * 0.2;
    for (let i = 0; i < 80; i++) {
      const ids = 150 + (i % 11);
      m.observe(ids, ids * 22 * noise());
    }
    expect(m.forPlanning().idsWithin(400)).toBe(first);
    expect(m.forPlanning().predictMs(160)!).toBeCloseTo(160 * 22, 0);
  });

  it("holds its line still until the measurements drift more than 20% from it", () => {
    const m = new CostModel();
    expect(m.forPlanning().predictMs(100)).toBeNull();
    m.observe(10, 200);
    m.observe(40, 800);
    expect(m.forPlanning().predictMs(100)).toBeCloseTo(2000, 6);
    // 10% slower: the plans keep the old line.
    for (let i = 0; i < 30; i++) m.observe(i % 2 ? 10 : 40, (i % 2 ? 200 : 800) * 1.1);
    expect(m.predictMs(100)!).toBeGreaterThan(2150);
    expect(m.forPlanning().predictMs(100)).toBeCloseTo(2000, 6);
    // Twice as slow: they follow.
    for (let i = 0; i < 30; i++) m.observe(i % 2 ? 10 : 40, (i % 2 ? 200 : 800) * 2);
    expect(m.forPlanning().predictMs(100)!).toBeGreaterThan(3500);
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
