import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseContentRange } from "../../src/assets/content-range.js";

describe("parseContentRange", () => {
  it("reads ranges, unknown totals and the unsatisfied form", () => {
    expect(parseContentRange("bytes 100-199/1000")).toEqual({ start: 100, end: 199, total: 1000 });
    expect(parseContentRange("bytes 100-199/*")).toEqual({ start: 100, end: 199, total: undefined });
    expect(parseContentRange("bytes */1000")).toEqual({ start: undefined, end: undefined, total: 1000 });
  });

  it("rejects malformed values", () => {
    for (const bad of [null, "", "bytes 5-1/10", "items 0-1/2", "bytes 0-1", "bytes=0-1/2"]) {
      expect(parseContentRange(bad), String(bad)).toBeUndefined();
    }
  });

  it("round-trips any well-formed range", () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(), (start, length, extra) => {
        const end = start + length;
        const total = end + 1 + extra;
        expect(parseContentRange(`bytes ${start}-${end}/${total}`)).toEqual({ start, end, total });
      }),
    );
  });
});
