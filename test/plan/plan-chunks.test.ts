import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { phonemesToIds } from "../../src/g2p/vocab.js";
import type { PhonemeToken } from "../../src/g2p/types.js";
import { planChunks, type PhonemizedPiece } from "../../src/plan/plan-chunks.js";
import type { BreakKind } from "../../src/text/types.js";

const word = (phonemes: string, text = phonemes): PhonemeToken => ({ text, phonemes, kind: "word", spaceAfter: true });
const punct = (mark: string): PhonemeToken => ({ text: mark, phonemes: mark, kind: "punct", spaceAfter: true });
/** A sentence of `n` words of `len` phonemes each, commas every `commaEvery` words, ending in ".". */
function sentence(n: number, len = 4, commaEvery = 0, breakAfter: BreakKind = "sentence"): PhonemizedPiece {
  const tokens: PhonemeToken[] = [];
  for (let i = 0; i < n; i++) {
    const w = word("b".repeat(len), `w${i}`);
    const comma = commaEvery > 0 && (i + 1) % commaEvery === 0 && i < n - 1;
    tokens.push(comma ? { ...w, spaceAfter: false } : i === n - 1 ? { ...w, spaceAfter: false } : w);
    if (comma) tokens.push(punct(","));
  }
  tokens.push({ ...punct("."), spaceAfter: false });
  return { tokens, breakAfter };
}

const texts = (pieces: readonly PhonemizedPiece[]): string[] => pieces.flatMap((p) => p.tokens.map((t) => t.text));

describe("planChunks", () => {
  it("keeps a short text in one call", () => {
    const chunks = planChunks([sentence(3)]);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.phonemes).toBe("bbbb bbbb bbbb.");
    expect(chunks[0]!.ids).toEqual(phonemesToIds("bbbb bbbb bbbb."));
    expect(chunks[0]!.breakAfter).toBe("sentence");
  });

  it("makes the first call small: the first clause of a long first sentence", () => {
    const chunks = planChunks([sentence(60, 4, 3)], { firstMaxIds: 48 });
    // First clause: 3 words of 4 + 2 spaces + comma = 15 ids; within 48 ids there are 3 clauses (45 ids).
    expect(chunks[0]!.ids.length).toBeLessThanOrEqual(48);
    expect(chunks[0]!.words.at(-1)!.text).toBe(",");
    expect(chunks[0]!.breakAfter).toBe("clause");
  });

  it("cuts a long first sentence without commas after a few words", () => {
    const chunks = planChunks([sentence(100, 5)], { firstMaxIds: 30 });
    expect(chunks[0]!.ids.length).toBeLessThanOrEqual(30);
    expect(chunks[0]!.words.length).toBe(5); // 5 words × 5 + 4 spaces = 29
  });

  it("grows later calls and prefers sentence ends over clauses", () => {
    const pieces = Array.from({ length: 30 }, () => sentence(8, 4, 4));
    const chunks = planChunks(pieces, { firstMaxIds: 48, growth: 2 });
    const sizes = chunks.map((c) => c.ids.length);
    expect(sizes[1]!).toBeGreaterThan(sizes[0]!);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(510);
    for (const c of chunks.slice(0, -1)) expect(c.breakAfter).toBe("sentence");
  });

  it("prefers a paragraph end to a later sentence end", () => {
    const chunks = planChunks([sentence(3), sentence(3, 4, 0, "paragraph"), sentence(3), sentence(30)], { firstMaxIds: 48 });
    expect(chunks[0]!.breakAfter).toBe("paragraph");
    expect(chunks[0]!.words.filter((w) => w.text === ".")).toHaveLength(2);
  });

  it("records each word's token range inside its chunk", () => {
    for (const chunk of planChunks(Array.from({ length: 10 }, () => sentence(7, 3, 2)), { firstMaxIds: 20 })) {
      for (const w of chunk.words) expect(chunk.ids.slice(w.tokenStart, w.tokenEnd)).toEqual(phonemesToIds(w.phonemes));
      expect(chunk.ids[0]).not.toBe(16);
      expect(chunk.ids.at(-1)).not.toBe(16);
    }
  });

  it("splits a single over-long token rather than dropping it", () => {
    const chunks = planChunks([{ tokens: [word("b".repeat(1200))], breakAfter: "sentence" }]);
    expect(chunks.map((c) => c.ids.length)).toEqual([510, 510, 180]);
  });

  it("covers every token exactly once, in order, within the limits (property)", () => {
    const tokenArb = fc.record({
      phonemes: fc.stringMatching(/^[bdkæəɪ]{0,40}$/),
      kind: fc.constantFrom<"word" | "punct">("word", "punct"),
      spaceAfter: fc.boolean(),
    });
    const pieceArb = fc.record({
      tokens: fc.array(tokenArb, { minLength: 1, maxLength: 60 }),
      breakAfter: fc.constantFrom<BreakKind>("paragraph", "sentence", "clause", "none"),
    });
    fc.assert(
      fc.property(fc.array(pieceArb, { maxLength: 30 }), fc.integer({ min: 1, max: 200 }), (raw, first) => {
        let n = 0;
        const pieces: PhonemizedPiece[] = raw.map((p) => ({ ...p, tokens: p.tokens.map((t) => ({ ...t, text: `t${n++}` })) }));
        const chunks = planChunks(pieces, { firstMaxIds: first });
        expect(chunks.flatMap((c) => c.words.map((w) => w.text))).toEqual(texts(pieces));
        for (const c of chunks) {
          expect(c.ids.length).toBeLessThanOrEqual(510);
          for (const w of c.words) expect(c.ids.slice(w.tokenStart, w.tokenEnd)).toEqual(phonemesToIds(w.phonemes));
        }
        // The first call respects the small limit unless its very first token alone is longer.
        const firstToken = pieces[0]?.tokens[0];
        if (firstToken && phonemesToIds(firstToken.phonemes).length <= first) expect(chunks[0]!.ids.length).toBeLessThanOrEqual(first);
        expect(chunks.map((c) => c.seq)).toEqual(chunks.map((_, i) => i));
      }),
    );
  });
});
