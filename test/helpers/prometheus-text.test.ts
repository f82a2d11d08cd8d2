import { describe, expect, it } from "vitest";
import { parsePrometheusText, sampleSum } from "./prometheus-text.js";

// The test helper must reject what Prometheus would reject, or /metrics tests prove nothing.
describe("parsePrometheusText (test helper)", () => {
  it("reads labelled histograms and counters", () => {
    const e = parsePrometheusText(
      ['# HELP a_seconds x', '# TYPE a_seconds histogram', 'a_seconds_bucket{le="+Inf",route="r"} 2', 'a_seconds_sum{route="r"} 0.3', 'a_seconds_count{route="r"} 2',
        '# TYPE c_total counter', 'c_total{a="x\\"y"} 3', 'c_total{a="z"} 4'].join("\n"),
    );
    expect(sampleSum(e, "a_seconds_count", { route: "r" })).toBe(2);
    expect(sampleSum(e, "c_total")).toBe(7);
    expect(sampleSum(e, "c_total", { a: 'x"y' })).toBe(3);
  });

  it("rejects malformed lines and untyped samples", () => {
    expect(() => parsePrometheusText("# TYPE a counter\na{b=\"c} 1")).toThrow();
    expect(() => parsePrometheusText("# TYPE a counter\na 1 2 3")).toThrow();
    expect(() => parsePrometheusText("# TYPE a counter\na one")).toThrow();
    expect(() => parsePrometheusText("b 1")).toThrow(/untyped/);
  });
});
