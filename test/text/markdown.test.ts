import { describe, expect, it } from "vitest";
import { normalizeText, normalizeToString } from "../../src/text/index.js";

const read = (s: string, codeBlocks: "skip" | "read" = "skip"): Array<[string, string]> =>
  normalizeText(s, { lang: "en-us", codeBlocks }).map((p) => [p.text, p.breakAfter]);

describe("Markdown", () => {
  it.each([
    ["# Title\nBody text.", [["Title.", "paragraph"], ["Body text.", "paragraph"]]],
    ["## Section ##\n\nBody.", [["Section.", "paragraph"], ["Body.", "paragraph"]]],
    ["Title\n=====\n\nBody.", [["Title.", "paragraph"], ["Body.", "paragraph"]]],
    ["- one\n- two\n* three", [["one.", "paragraph"], ["two.", "paragraph"], ["three", "paragraph"]]],
    ["1. First step\n2. Second step", [["First step.", "paragraph"], ["Second step", "paragraph"]]],
    ["- [x] done task\n- [ ] open task", [["done task.", "paragraph"], ["open task", "paragraph"]]],
    ["- item that\n  wraps on", [["item that wraps on", "paragraph"]]],
    ["> Quoted text.", [["Quoted text.", "paragraph"]]],
    ["Above\n\n---\n\nBelow", [["Above.", "paragraph"], ["Below", "paragraph"]]],
    ["| Name | Age |\n|---|---|\n| Ann | 5 |", [["Name, Age.", "paragraph"], ["Ann, five", "paragraph"]]],
    ["[ref]: https://example.com\nText.", [["Text.", "paragraph"]]],
  ] as const)("blocks: %j", (input, expected) => {
    expect(read(input)).toEqual(expected);
  });

  it.each([
    ["Some *emphasis* and **bold** text.", "Some emphasis and bold text."],
    ["Some _emphasis_ and __bold__ text.", "Some emphasis and bold text."],
    ["Some ~~struck~~ text.", "Some struck text."],
    ["Run `npm test` now.", "Run npm test now."],
    ["Read [the docs](https://example.com/docs) now.", "Read the docs now."],
    ["See ![a cat](cat.png) here.", "See a cat here."],
    ["Go to <https://example.com> now.", "Go to example dot com now."],
    ["Line<br>break and <b>bold</b>.", "Line break and bold."],
    ["Fish &amp; chips.", "Fish and chips."],
    ["A footnote[^1] here.", "A footnote here."],
  ])("inline: %j → %j", (input, said) => {
    expect(normalizeToString(input, { lang: "en-us" })).toBe(said);
  });

  const doc = "Intro.\n\n```js\nconst x = 1;\nlet y = 2;\n```\n\nOutro.";

  it("skips code fences by default", () => {
    expect(read(doc)).toEqual([["Intro.", "paragraph"], ["Outro.", "paragraph"]]);
  });

  it("reads code fences line by line when asked", () => {
    expect(read(doc, "read")).toEqual([
      ["Intro.", "paragraph"],
      ["const x equals one;", "sentence"],
      ["let y equals two;", "paragraph"],
      ["Outro.", "paragraph"],
    ]);
  });

  it("skips indented code that looks like code, but reads an indented paragraph", () => {
    expect(read("Intro.\n\n    if (x) { y(); }\n\nOutro.")).toEqual([["Intro.", "paragraph"], ["Outro.", "paragraph"]]);
    expect(read("Intro.\n\n    An indented paragraph.")).toEqual([["Intro.", "paragraph"], ["An indented paragraph.", "paragraph"]]);
  });

  it("treats an unclosed fence as code to the end", () => {
    expect(read("Intro.\n```\ncode here")).toEqual([["Intro.", "paragraph"]]);
  });
});

describe("inline pronunciations", () => {
  it.each([
    ["[Kokoro](/kˈOkəɹO/) is fun.", "[Kokoro](/kˈOkəɹO/) is fun."],
    ["Say [Mr. Smith](/mˈɪstəɹ smˈɪθ/) twice.", "Say [Mr. Smith](/mˈɪstəɹ smˈɪθ/) twice."],
    ["Call [3.5](/θɹˈi/) and 3.5.", "Call [3.5](/θɹˈi/) and three point five."],
    ["Both [a](/ˈA/) and [b](/bˈi/)!", "Both [a](/ˈA/) and [b](/bˈi/)!"],
    // No "." added at the input's end (as misaki); before another sentence the pronunciation ends like a word.
    ["Just [Kokoro](/kˈOkəɹO/)", "Just [Kokoro](/kˈOkəɹO/)"],
    ["Just [Kokoro](/kˈOkəɹO/)\n\nNext", "Just [Kokoro](/kˈOkəɹO/). Next"],
  ])("%j → %j", (input, said) => {
    expect(normalizeToString(input, { lang: "en-us" })).toBe(said);
  });

  it("never splits a sentence inside one", () => {
    const input = "Hello [Dr. Who. Yes](/dˈɑktəɹ hˈu/) there. Next.";
    const pieces = normalizeText(input, { lang: "en-us" });
    expect(pieces.map((p) => p.text)).toEqual(["Hello [Dr. Who. Yes](/dˈɑktəɹ hˈu/) there.", "Next."]);
  });

  it("a private-use character in the input cannot forge one", () => {
    expect(normalizeToString("a\uE000b [x](/ˈɛks/)", { lang: "en-us" })).toBe("a b [x](/ˈɛks/)");
  });
});
