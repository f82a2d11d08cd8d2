import { describe, it, expect, afterAll } from "vitest";
import fc from "fast-check";
import { InvalidPhonemesError } from "../../../src/g2p/index.js";
import { MisakiG2P } from "../../../src/g2p/misaki/misaki-g2p.js";
import { unknownSymbols } from "../../../src/g2p/vocab.js";
import { joinTokens } from "../../../src/g2p/misaki/misaki-g2p.js";
import { RecordingFallback, sharedStore } from "./misaki-helpers.js";

// The fallback answers with vocabulary symbols, so anything else in the output came from us.
const g2p = new MisakiG2P({ lexicons: sharedStore, fallback: new RecordingFallback(() => "ˈʌnnˌOn") });
afterAll(() => g2p.close());

const pieces = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 12 }),
  fc.constantFrom("the", "a", "to", "I", "read", "record", "U.S.", "1984", "3.5", "-", "'s", "[x](/kˈæt/)", "[y](2)", "—", "…", "“", "”", "(", "%", "&", "e.g.", "COVID-19", "don't", " "),
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 12 }),
);
const texts = fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join(" "));

describe("MisakiG2P on arbitrary input", () => {
  for (const lang of ["en-us", "en-gb"] as const) {
    it(`never throws (bar bad inline phonemes) and prints only Kokoro vocabulary (${lang})`, async () => {
      await fc.assert(
        fc.asyncProperty(texts, async (text) => {
          let tokens;
          try {
            tokens = await g2p.tokens(text, lang);
          } catch (error) {
            // Only inline `[w](/…/)` with a symbol outside the vocabulary may be refused.
            expect(error).toBeInstanceOf(InvalidPhonemesError);
            expect(text).toMatch(/\[[^\]]+\]\(\s*\/.*\/\s*\)/u);
            return;
          }
          const out = joinTokens(tokens);
          expect(unknownSymbols(out)).toEqual([]);
          expect(out).not.toMatch(/[ɾʔ]/u);
          expect(out).not.toMatch(/ {2}|^ | $/u);
          for (const t of tokens) expect(unknownSymbols(t.phonemes)).toEqual([]);
        }),
        { numRuns: 300 },
      );
    });
  }
});
