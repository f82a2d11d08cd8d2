// The cost model's line: measured from calls of two sizes, or assumed from an earlier start until then, with plans
// following the level of the calls measured since.
import { describe, expect, it } from "vitest";
import { CostModel } from "../../src/engine/cost-model.js";

describe("CostModel", () => {
  it("knows nothing before calls of two sizes", () => {
    const m = new CostModel();
    expect(m.predictMs(10)).toBeNull();
    m.observe(10, 200);
    m.observe(10, 210);
    expect(m.predictMs(10)).toBeNull();
    expect(m.forPlanning().line()).toBeNull();
  });

  it("fits the line of calls of two sizes", () => {
    const m = new CostModel();
    m.observe(10, 30 + 20 * 10);
    m.observe(40, 30 + 20 * 40);
    expect(m.predictMs(100)).toBeCloseTo(2030, 6);
    const line = m.forPlanning().line();
    expect(line?.fixedMs).toBeCloseTo(30, 6);
    expect(line?.perIdMs).toBeCloseTo(20, 6);
  });

  it("plans with an assumed line at the level one short call measures today", () => {
    const m = new CostModel();
    m.assume({ fixedMs: 40, perIdMs: 20, audioMsPerId: 75 });
    // Before any call: the earlier start's line as it was.
    expect(m.predictMs(10)).toBeCloseTo(240, 6);
    expect(m.forPlanning().predictMs(10)).toBeCloseTo(240, 6);
    expect(m.audioMsPerId()).toBe(75);

    // A machine twice as slow today: one 8-id call at 2 × (40 + 160) ms.
    const slow = new CostModel();
    slow.assume({ fixedMs: 40, perIdMs: 20, audioMsPerId: 75 });
    slow.observe(8, 400);
    const plan = slow.forPlanning();
    expect(plan.predictMs(8)).toBeCloseTo(400, 6);
    expect(plan.predictMs(100)).toBeCloseTo(2 * (40 + 2000), 6); // the shape kept, the level followed
    expect(plan.idsWithin(400)).toBe(8);
  });

  it("keeps an assumed line within the drift margin (no rescale for noise)", () => {
    const m = new CostModel();
    m.assume({ fixedMs: 40, perIdMs: 20, audioMsPerId: null });
    m.observe(8, 200 * 1.1); // 10 % above: within the 20 % margin
    expect(m.forPlanning().predictMs(100)).toBeCloseTo(2040, 6);
  });

  it("prefers its own measured line once it has calls of two sizes", () => {
    const m = new CostModel();
    m.assume({ fixedMs: 40, perIdMs: 20, audioMsPerId: null });
    m.observe(10, 100 + 5 * 10);
    m.observe(50, 100 + 5 * 50);
    expect(m.predictMs(100)).toBeCloseTo(600, 6);
  });

  it("ignores an assumed line that is not a cost line", () => {
    const m = new CostModel();
    m.assume({ fixedMs: 10, perIdMs: 0, audioMsPerId: null });
    m.assume({ fixedMs: Number.NaN, perIdMs: 5, audioMsPerId: null });
    expect(m.predictMs(10)).toBeNull();
  });
});
