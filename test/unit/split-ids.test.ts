import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { splitIds } from "../../src/plan/split-ids.js";
import { KOKORO_VOCAB, phonemesToIds } from "../../src/engine/vocab.js";

const SPACE = KOKORO_VOCAB.get(" ")!;
const vocabIds = [...KOKORO_VOCAB.values()];

describe("splitIds", () => {
  it("keeps short input in one call", () => {
    const ids = phonemesToIds("həlˈO wˈɜɹld.");
    expect(splitIds(ids)).toEqual([ids]);
  });

  it("cuts after the last space before the limit", () => {
    const ids = phonemesToIds("ab cd ef");
    // Limit 6: "ab cd " fits (the space stays with the first call), "ef" follows.
    expect(splitIds(ids, 6)).toEqual([phonemesToIds("ab cd "), phonemesToIds("ef")]);
  });

  it("prefers punctuation or space, and cuts a word only when it alone exceeds the limit", () => {
    const word = phonemesToIds("abcdefghij");
    expect(splitIds(word, 4)).toEqual([word.slice(0, 4), word.slice(4, 8), word.slice(8)]);
    const withComma = phonemesToIds("abc,defgh");
    expect(splitIds(withComma, 6)[0]).toEqual(phonemesToIds("abc,"));
  });

  it("never drops, repeats or reorders ids, and respects the limit (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...vocabIds), fc.constant(SPACE)), { maxLength: 3000 }),
        fc.integer({ min: 1, max: 600 }),
        (ids, max) => {
          const calls = splitIds(ids, max);
          expect(calls.flat()).toEqual(ids);
          for (const c of calls) {
            expect(c.length).toBeGreaterThan(0);
            expect(c.length).toBeLessThanOrEqual(max);
          }
        },
      ),
    );
  });

  it("defaults to Kokoro's 510-id limit", () => {
    const ids = Array.from({ length: 1500 }, (_, i) => (i % 7 === 6 ? SPACE : 43));
    const calls = splitIds(ids);
    expect(Math.max(...calls.map((c) => c.length))).toBeLessThanOrEqual(510);
    expect(calls.flat()).toEqual(ids);
    for (const c of calls.slice(0, -1)) expect(c.at(-1)).toBe(SPACE);
  });
});
