import { describe, it, expect } from "vitest";
import { PACK_FLOATS, VoiceStore, styleRowIndex } from "../../../src/engine/voices/index.js";
import { STYLE_DIM } from "../../../src/model/contract.js";

// A synthetic voice whose every value is its row number, so a style vector tells which row it came from.
const pack = Float32Array.from({ length: PACK_FLOATS }, (_, i) => Math.floor(i / STYLE_DIM));
const store = new VoiceStore(new Map([["af_rows", pack]]));
const voice = (() => {
  const result = store.resolve("af_rows");
  if (!result.ok) throw new Error(result.message);
  return result.voice;
})();

describe("style rows", () => {
  it("uses row n for n phoneme ids, clamped to 0..509", () => {
    expect(styleRowIndex(0)).toBe(0);
    expect(styleRowIndex(1)).toBe(1);
    expect(styleRowIndex(509)).toBe(509);
    expect(styleRowIndex(510)).toBe(509);
    expect(styleRowIndex(600)).toBe(509);
    expect(styleRowIndex(-1)).toBe(0);
    expect(styleRowIndex(-1000)).toBe(0);
    expect(styleRowIndex(Number.POSITIVE_INFINITY)).toBe(509);
    expect(() => styleRowIndex(Number.NaN)).toThrow(RangeError);
  });

  it("returns a 256-float copy of that row", () => {
    for (const [count, row] of [[0, 0], [42, 42], [509, 509], [600, 509], [-3, 0]] as const) {
      const style = store.styleFor(voice, count);
      expect(style).toHaveLength(STYLE_DIM);
      expect(style.every((v) => v === row), `count ${count}`).toBe(true);
    }
    const style = store.styleFor(voice, 7);
    expect(style.buffer.byteLength).toBe(STYLE_DIM * 4);
    style.fill(-1);
    expect(store.styleFor(voice, 7)[0]).toBe(7);
  });

  it("rejects packs of the wrong size and badly named voices", () => {
    expect(() => new VoiceStore(new Map([["af_x", new Float32Array(10)]]))).toThrow(/has 10 values/);
    expect(() => new VoiceStore(new Map([["heart", pack]]))).toThrow(/not a voice name/);
    expect(() => new VoiceStore(new Map([["xf_heart", pack]]))).toThrow(/unknown language letter 'x'/);
    expect(() => new VoiceStore(new Map())).toThrow(/no voices/);
  });
});
