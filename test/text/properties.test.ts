import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeText, type TextPiece } from "../../src/text/index.js";

const LANGS = fc.constantFrom("en-us" as const, "en-gb" as const);
const CODE = fc.constantFrom("skip" as const, "read" as const);

// Text made of the characters the rules care about: digits, separators, currency, Markdown, quotes, emoji.
const tricky = fc.string({
  unit: fc.constantFrom(
    ..."0123456789.,:;-–—/\\'\"$£€¥%&+=@#*_~`[]()<>!?… \n\t|^°½".split(""),
    ..."aeAEIVXmkgsBpMTt".split(""),
    "\n\n", "# ", "- ", "1. ", "```", "    ", "Dr.", "e.g.", "etc.", "U.S.", "p.m.", "http://", "www.", ".com", "@x.io",
    "[a](/ˈA/)", "[a](http://x)", "😀", "👨‍👩‍👧", "\u200d", "\uE000", "\uD800", "’", "“", "”",
  ),
  maxLength: 80,
});

function checkInvariants(input: string, pieces: readonly TextPiece[]): void {
  let lastEnd = 0;
  for (const p of pieces) {
    expect(p.text.length).toBeGreaterThan(0);
    expect(p.text).toBe(p.text.trim());
    expect(p.text).toMatch(/[\p{L}\p{N}]/u);
    expect(p.span[0]).toBeGreaterThanOrEqual(lastEnd);
    expect(p.span[1]).toBeGreaterThan(p.span[0]);
    expect(p.span[1]).toBeLessThanOrEqual(input.length);
    expect(["paragraph", "sentence", "clause"]).toContain(p.breakAfter);
    lastEnd = p.span[1];
  }
  const last = pieces.at(-1);
  if (last !== undefined) expect(["paragraph", "sentence"]).toContain(last.breakAfter);
}

// Digits outside inline pronunciations are always read as words.
function hasUnreadDigits(text: string): boolean {
  return /[0-9]/.test(text.replace(/\[[^\]]*\]\(\/[^)]*\/\)/g, ""));
}

describe("normalizeText properties", () => {
  it("never throws on arbitrary Unicode, and its pieces are ordered, trimmed and non-empty", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), LANGS, CODE, (input, lang, codeBlocks) => {
        checkInvariants(input, normalizeText(input, { lang, codeBlocks }));
      }),
      { numRuns: 400 },
    );
  });

  it("holds on mixtures of digits, punctuation and Markdown, and reads every digit", () => {
    fc.assert(
      fc.property(tricky, LANGS, CODE, (input, lang, codeBlocks) => {
        const pieces = normalizeText(input, { lang, codeBlocks });
        checkInvariants(input, pieces);
        for (const p of pieces) expect(hasUnreadDigits(p.text), p.text).toBe(false);
      }),
      { numRuns: 600 },
    );
  });

  it("each piece's span holds the source of its words", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("Hello there.", "It costs $5.", "See Dr. Who!", "Why?", "\n\n", "- item", "# Head", "\n"), { maxLength: 12 }), (parts) => {
        const input = parts.join(" ");
        for (const p of normalizeText(input, { lang: "en-us" })) {
          const source = input.slice(p.span[0], p.span[1]);
          const firstWord = /\p{L}+/u.exec(source)?.[0] ?? "";
          expect(p.text.toLowerCase()).toContain(firstWord.toLowerCase().replace(/^dr$/, "doctor"));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("pathological inputs complete", () => {
  it.each([
    ["50,000 digits", "7".repeat(50_000), 1],
    ["50,000 dots", ".".repeat(50_000), 0],
    ["25,000 '1.'", "1.".repeat(25_000), 1],
    ["25,000 'a.'", "a.".repeat(25_000), 1],
    ["25,000 'A.'", "A.".repeat(25_000), 1],
    ["dots and spaces", ". ".repeat(25_000), 0],
    ["digits with commas", "1,".repeat(25_000), 1],
    ["an @-less email run", "a.b-c_d+".repeat(6_000), 1],
    ["brackets", "[](".repeat(15_000), 0],
    ["emphasis marks", "*_".repeat(25_000), 0],
    ["backticks", "`".repeat(50_000), 0],
    ["path slashes", "/a".repeat(25_000), 1],
    ["hyphenated numbers", "1-".repeat(25_000), 1],
    ["colons", "1:".repeat(25_000), 1],
  ])("%s", (_name, input, count) => {
    const pieces = normalizeText(input, { lang: "en-us" });
    expect(pieces.length >= 1 ? 1 : 0).toBe(count);
  });

  it("a 10,000-character text gives every sentence", () => {
    const sentence = "On Jan 5, 2024 Dr. Smith paid $3.50 for 2 kg of apples at example.com, e.g. 10% off. ";
    const input = sentence.repeat(Math.ceil(10_000 / sentence.length));
    const pieces = normalizeText(input, { lang: "en-us" });
    expect(pieces).toHaveLength(Math.ceil(10_000 / sentence.length));
    expect(pieces[0]?.text).toBe(
      "On January fifth, twenty twenty-four Doctor Smith paid three dollars and fifty cents for two kilograms of apples at example dot com, for example ten percent off.",
    );
  });
});
