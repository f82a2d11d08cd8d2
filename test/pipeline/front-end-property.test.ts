import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { createG2P } from "../../src/g2p/index.js";
import { KOKORO_VOCAB } from "../../src/g2p/vocab.js";
import { planChunks } from "../../src/plan/plan-chunks.js";
import { phonemizeText } from "../../src/pipeline/front-end.js";
import { MISAKI_DIR } from "../helpers/paths.js";

const g2p = createG2P({ lexiconDir: MISAKI_DIR });
afterAll(() => g2p.close());

// Text made of the things that trip front-ends: words, numbers, money, dates, abbreviations, URLs,
// Markdown, punctuation, line breaks and arbitrary Unicode.
const fragment = fc.oneof(
  fc.constantFrom("Hello", "world", "the", "read", "Dr.", "St.", "e.g.", "3.5", "1,000", "$3.50", "2024-01-05", "example.com",
    "FBI", "NASA", "Chapter IV", "12:34", "5 km", "50%", "—", "...", ",", ".", "!", "?", ";", "\n", "\n\n", "# ", "- ", "**", "`",
    "[Kokoro](/kˈOkəɹO/)", "😀", "'90s", "don't", "well-known"),
  fc.string({ unit: "grapheme", maxLength: 8 }),
  fc.integer({ min: -100000, max: 100000 }).map(String),
);
const textArb = fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join(" "));

describe("the front-end end to end (normalize → G2P → plan)", () => {
  it("never throws, covers every token once in order, keeps calls within 510 Kokoro ids (property)", async () => {
    await fc.assert(
      fc.asyncProperty(textArb, fc.constantFrom<"en-us" | "en-gb">("en-us", "en-gb"), async (text, lang) => {
        const pieces = await phonemizeText(text, g2p, { lang, codeBlocks: "skip" });
        const chunks = planChunks(pieces);
        const planned = chunks.flatMap((c) => c.words.map((w) => `${w.text}|${w.phonemes}`));
        const tokens = pieces.flatMap((p) => p.tokens.map((t) => `${t.text}|${t.phonemes}`));
        expect(planned).toEqual(tokens);
        for (const c of chunks) {
          expect(c.ids.length).toBeLessThanOrEqual(510);
          for (const ch of c.phonemes) expect(KOKORO_VOCAB.has(ch)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
