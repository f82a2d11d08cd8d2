import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadVoices, VoiceStore, type ResolvedVoice } from "../../../src/engine/voices/index.js";
import { STYLE_DIM, STYLE_ROWS } from "../../../src/model/contract.js";

const store = await loadVoices(fileURLToPath(new URL("../../../../shared/data/voices", import.meta.url)));

function resolved(request: string, voices: VoiceStore = store): ResolvedVoice {
  const result = voices.resolve(request);
  if (!result.ok) throw new Error(result.message);
  return result.voice;
}

function rejection(request: string, voices: VoiceStore = store): string {
  const result = voices.resolve(request);
  if (result.ok) throw new Error(`'${request}' was accepted as ${result.voice.id}`);
  return result.message;
}

const norm = (row: ArrayLike<number>): number => Math.sqrt(Array.from(row).reduce((sum, v) => sum + v * v, 0));
const row = (pack: Float32Array, r: number): Float32Array => pack.subarray(r * STYLE_DIM, (r + 1) * STYLE_DIM);

describe("blend subtraction", () => {
  const bella = store.pack("af_bella");
  const sky = store.pack("af_sky");

  it("weights a-b(0.3) as bella − 0.3·sky over the added voices, and names it so", () => {
    const voice = resolved("af_bella-af_sky(0.3)");
    expect(voice.id).toBe("af_bella(1)-af_sky(0.3)");
    expect(voice.components).toEqual([
      { name: "af_bella", weight: 1 },
      { name: "af_sky", weight: -0.3 },
    ]);
    expect(voice.language).toBe("en-us");
    // Weights are normalised over the added voices only: (2, 2) added, 1 subtracted → 0.5, 0.5, -0.25.
    expect(resolved("af_bella(2)+af_nova(2)-af_sky(1)").components.map((c) => c.weight)).toEqual([0.5, 0.5, -0.25]);
    expect(resolved(" af_bella - af_sky ( 0.5 ) + bf_emma ").id).toBe("af_bella(0.5)-af_sky(0.25)+bf_emma(0.5)");
  });

  it("keeps each row's direction of bella − 0.3·sky and the norm of bella's row", () => {
    const pack = store.packFor(resolved("af_bella-af_sky(0.3)"));
    for (const r of [0, 1, 100, STYLE_ROWS - 1]) {
      const signed = Array.from(row(bella, r), (b, i) => b - 0.3 * row(sky, r)[i]!);
      const scale = norm(row(bella, r)) / norm(signed);
      const got = row(pack, r);
      expect(norm(got)).toBeCloseTo(norm(row(bella, r)), 4);
      for (let i = 0; i < STYLE_DIM; i++) expect(got[i]).toBeCloseTo(signed[i]! * scale, 5);
    }
  });

  it("leaves additive blends exactly as before (no re-normalisation)", () => {
    const pack = store.packFor(resolved("af_bella+af_sky"));
    expect(pack[7]).toBeCloseTo((bella[7]! + sky[7]!) / 2, 6);
  });

  it("merges repeats by their signed sum", () => {
    expect(resolved("af_bella+af_sky-af_sky(0.5)").id).toBe("af_bella(0.667)+af_sky(0.333)");
    expect(resolved("af_bella+af_sky-af_sky").id).toBe("af_bella");
  });

  it("refuses a blend that cancels out, by weight or by its rows", () => {
    expect(rejection("af_bella-af_bella")).toMatch(/^voice blend 'af_bella-af_bella' cancels out/);
    expect(rejection("af_bella(1)-af_sky(2)-af_bella")).toMatch(/cancels out/);
    // Two voices with the same pack: a−b leaves nothing in any row.
    const twins = new VoiceStore(new Map([["af_one", bella.slice()], ["af_two", bella.slice()]]));
    expect(rejection("af_one-af_two", twins)).toMatch(/cancels out: its style row 0 keeps less than 1%/);
    // 0.999 of its twin: every row keeps 0.1% of its norm, below the 1% floor.
    expect(rejection("af_one-af_two(0.999)", twins)).toMatch(/cancels out/);
    expect(resolved("af_one-af_two(0.9)", twins).id).toBe("af_one(1)-af_two(0.9)");
  });

  it("explains malformed subtractions", () => {
    expect(rejection("-af_sky")).toMatch(/^malformed voice blend '-af_sky': empty voice name/);
    expect(rejection("af_bella-")).toMatch(/empty voice name/);
    expect(rejection("af_bella--af_sky")).toMatch(/empty voice name/);
    expect(rejection("af_bella-af_sky(-1)")).toMatch(/weight '-1' of 'af_sky' is not a positive number/);
    expect(rejection("af_bella-af_nobody")).toMatch(/^unknown voice 'af_nobody'/);
  });

  it("parses a long hostile request in one pass", () => {
    // Bounded by the request length limit; the parser itself never backtracks.
    expect(rejection(`af_bella${"-".repeat(200)}`)).toMatch(/empty voice name/);
    expect(rejection(`af_bella(${"(".repeat(200)}`)).toMatch(/malformed/);
  });
});
