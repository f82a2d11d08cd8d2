import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, it, expect } from "vitest";
import { loadVoices, MAX_BLEND_VOICES } from "../../../src/engine/voices/index.js";
import { STYLE_DIM } from "../../../src/model/contract.js";
import type { ResolvedVoice } from "../../../src/engine/voices/index.js";

const store = await loadVoices(fileURLToPath(new URL("../../../../shared/data/voices", import.meta.url)));

function resolved(request: string): ResolvedVoice {
  const result = store.resolve(request);
  if (!result.ok) throw new Error(result.message);
  return result.voice;
}

function rejection(request: string): string {
  const result = store.resolve(request);
  if (result.ok) throw new Error(`'${request}' was accepted as ${result.voice.id}`);
  return result.message;
}

function expectClose(actual: Float32Array, expected: ArrayLike<number>, tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs((actual[i] ?? 0) - (expected[i] ?? 0)));
  expect(worst).toBeLessThanOrEqual(tolerance);
}

describe("single voices", () => {
  it("resolves a plain name to itself with weight 1", () => {
    expect(resolved("af_heart")).toEqual({ id: "af_heart", components: [{ name: "af_heart", weight: 1 }], language: "en-us" });
    expect(resolved("  bm_george ").id).toBe("bm_george");
    expect(resolved("af_bella(3)").id).toBe("af_bella");
    expect(store.packFor(resolved("af_heart"))).toBe(store.pack("af_heart"));
  });

  it("resolves OpenAI names, alone and in blends", () => {
    expect(resolved("alloy").id).toBe("af_alloy");
    expect(resolved("fable").language).toBe("en-gb");
    expect(resolved("nova(1)+onyx(1)").id).toBe("af_nova(0.5)+am_onyx(0.5)");
  });

  it("rejects unknown voices, listing the valid names", () => {
    const message = rejection("af_nobody");
    expect(message).toMatch(/^unknown voice 'af_nobody'; valid voices: af_alloy, af_aoede, /);
    for (const name of store.names()) expect(message).toContain(name);
    expect(message).toContain("OpenAI names: alloy, ash, ballad");
    expect(rejection("af_bella+af_nobody")).toMatch(/^unknown voice 'af_nobody'/);
    expect(rejection("")).toMatch(/empty/);
    for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      expect(rejection(name)).toMatch(/^unknown voice/);
    }
  });

  it("treats path-like names as unknown voices", () => {
    for (const name of ["../../etc/passwd", "af_bella/../x", "/abs", "af_bella.bin", "voices/af_bella", "..\\af_bella"]) {
      expect(rejection(name)).toMatch(/^unknown voice/);
    }
  });
});

describe("blends", () => {
  const bella = store.pack("af_bella");
  const sky = store.pack("af_sky");

  it("weights af_bella(2)+af_sky(1) as (2·bella + sky) / 3", () => {
    const voice = resolved("af_bella(2)+af_sky(1)");
    expect(voice.id).toBe("af_bella(0.667)+af_sky(0.333)");
    expect(voice.components.map((c) => c.name)).toEqual(["af_bella", "af_sky"]);
    expect(voice.components[0]?.weight).toBeCloseTo(2 / 3, 12);
    const expected = bella.map((b, i) => (2 * b + (sky[i] ?? 0)) / 3);
    expectClose(store.packFor(voice), expected, 1e-6);
    expectClose(store.styleFor(voice, 100), expected.subarray(100 * STYLE_DIM, 101 * STYLE_DIM), 1e-6);
  });

  it("averages af_bella+af_sky, tolerating whitespace", () => {
    const mean = bella.map((b, i) => (b + (sky[i] ?? 0)) / 2);
    for (const request of ["af_bella+af_sky", " af_bella + af_sky ", "af_bella (1) + af_sky ( 1 )", "af_bella(0.5)+af_sky(.5)"]) {
      const voice = resolved(request);
      expect(voice.id, request).toBe("af_bella(0.5)+af_sky(0.5)");
      expectClose(store.packFor(voice), mean, 1e-6);
    }
  });

  it("caches a blend per distinct mix", () => {
    const a = store.packFor(resolved("af_bella(2)+af_sky(1)"));
    expect(store.packFor(resolved("af_bella(4) + af_sky(2)"))).toBe(a);
    expect(store.packFor(resolved("af_sky(1)+af_bella(2)"))).toBe(a);
    expect(store.packFor(resolved("af_bella(1)+af_sky(2)"))).not.toBe(a);
  });

  it("merges a repeated voice and takes the language of the heaviest voice", () => {
    expect(resolved("af_bella+af_bella").id).toBe("af_bella");
    expect(resolved("af_bella(1)+bf_emma(1)+af_bella(1)").id).toBe("af_bella(0.667)+bf_emma(0.333)");
    expect(resolved("af_bella(1)+bf_emma(3)").language).toBe("en-gb");
    expect(resolved("bf_emma+af_bella").language).toBe("en-gb");
    expect(resolved("af_bella+bf_emma").language).toBe("en-us");
  });

  it("rejects malformed blends with a reason", () => {
    const cases: ReadonlyArray<readonly [string, RegExp]> = [
      ["af_bella(", /missing '\)'/],
      ["af_bella(0)", /weight '0' of 'af_bella' must be greater than 0/],
      ["af_bella(-1)+af_sky", /weight '-1' of 'af_bella' is not a positive number/],
      ["af_bella(abc)", /weight 'abc' of 'af_bella' is not a positive number/],
      ["af_bella()", /weight '' of 'af_bella' is not a positive number/],
      ["af_bella(1e3)", /is not a positive number/],
      ["af_bella(Infinity)", /is not a positive number/],
      ["+", /empty voice name/],
      ["af_bella+", /empty voice name/],
      ["af_bella++af_sky", /empty voice name/],
      ["af_bella(2)(3)", /unexpected '\(3\)' after the weight of 'af_bella'/],
      ["af_bella)", /unexpected '\)'/],
      ["(2)", /missing voice name/],
    ];
    for (const [request, reason] of cases) {
      const message = rejection(request);
      expect(message, request).toMatch(/^malformed voice blend '/);
      expect(message, request).toMatch(reason);
    }
  });

  it("bounds the number of voices and the request length", () => {
    const names = store.names().slice(0, MAX_BLEND_VOICES + 1);
    expect(resolved(names.slice(0, MAX_BLEND_VOICES).join("+")).components).toHaveLength(MAX_BLEND_VOICES);
    expect(rejection(names.join("+"))).toMatch(/at most/);
    expect(rejection(`af_bella(${"1".repeat(300)})`)).toMatch(/longer than/);
  });

  it("normalises weights to 1 and keeps every blended value within its voices' range", () => {
    const names = store.names();
    const term = fc.record({
      name: fc.constantFrom(...names),
      hundredths: fc.integer({ min: 1, max: 100_000 }),
      space: fc.constantFrom("", " ", "  "),
    });
    const blend = fc.uniqueArray(term, { minLength: 1, maxLength: 4, selector: (t) => t.name });
    fc.assert(
      fc.property(blend, fc.integer({ min: -5, max: 600 }), (terms, count) => {
        const request = terms.map((t) => `${t.space}${t.name}${t.space}(${(t.hundredths / 100).toFixed(2)})`).join("+");
        const voice = resolved(request);
        const total = voice.components.reduce((sum, c) => sum + c.weight, 0);
        expect(Math.abs(total - 1)).toBeLessThan(1e-12);
        expect(voice.components.every((c) => c.weight > 0)).toBe(true);
        const style = store.styleFor(voice, count);
        const rows = voice.components.map((c) => store.styleFor(resolved(c.name), count));
        const outside: number[] = [];
        for (let i = 0; i < STYLE_DIM; i++) {
          const values = rows.map((row) => row[i] ?? Number.NaN);
          const value = style[i] ?? Number.NaN;
          if (!(value >= Math.min(...values) && value <= Math.max(...values))) outside.push(i);
        }
        expect(outside).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
