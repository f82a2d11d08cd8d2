import { describe, expect, it } from "vitest";
import { breakBetween, JUNCTION_WINDOW } from "../../src/text/piece-junction.js";
import { normalizeText } from "../../src/text/normalize.js";
import type { Lang } from "../../src/text/lang.js";
import type { BreakKind } from "../../src/text/types.js";

const en = { lang: "en-us" } as const;

describe("breakBetween: the break between two pieces of a text, as the normalizer makes it for the text whole", () => {
  const cases: [before: string, after: string, kind: BreakKind, lang?: Lang][] = [
    ["Hello there.", " How are you?", "sentence"],
    ["Hello there. ", "How are you?", "sentence"],
    ["Is it? ", "Yes!", "sentence"],
    ["Hello there.", "\n\nA new paragraph.", "paragraph"],
    ["Hello there.\n\n", "A new paragraph.", "paragraph"],
    ["Hello there.\n", "\nA new paragraph.", "paragraph"],
    ["# A heading", "\nThe text under it.", "paragraph"],
    ["- apples", "\n- pears", "paragraph"],
    ["Hello wor", "ld, and more.", "none"],
    ["Hello,", " world.", "none"],
    ["Dr.", " Smith paid.", "none"],
    ["It costs $3.", "50 today.", "none"],
    ["", "Hello.", "none"],
    ["Hello.", "   ", "none"],
    ["¿Qué tal?", " Muy bien.", "sentence", "es"],
    ["你好。", "世界。", "sentence", "zh"],
  ];
  it.each(cases)("%j | %j → %s", (before, after, kind, lang = "en-us") => {
    expect(breakBetween(before, after, { lang })).toBe(kind);
  });

  it("agrees with normalizeText's break at the same place", () => {
    for (const [before, after, kind] of cases.filter((c) => c[2] !== "none" && c[3] === undefined)) {
      const pieces = normalizeText(before + after, en);
      expect(pieces.length, before + after).toBeGreaterThan(1);
      expect(pieces[0]!.breakAfter).toBe(kind);
    }
  });

  it("reads plain paragraphs when Markdown is off", () => {
    expect(breakBetween("# A heading", "\nThe text under it.", { ...en, normalization: { markdown: false } })).not.toBe("paragraph");
    expect(breakBetween("Hello there.", "\n\nMore.", { ...en, normalization: { markdown: false } })).toBe("paragraph");
  });

  it("looks only at the text near the junction, however long the pieces are", () => {
    const long = "word ".repeat(10 * JUNCTION_WINDOW);
    expect(breakBetween(`${long}The end.`, ` Then ${long}`, en)).toBe("sentence");
    expect(breakBetween(long, long, en)).toBe("none");
  });
});
