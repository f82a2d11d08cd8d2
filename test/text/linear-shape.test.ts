import { describe, expect, it } from "vitest";
import { normalizeText } from "../../src/text/index.js";
import { DATA_LINE, HOSTILE_SHAPES } from "./hostile-shapes.js";
import { describeGrowth, growth } from "./shape-timing.js";

// Above the server's 10,000-character limit: the CLI reads files of any length.
const N = 20_000;

describe("normalizeText time grows linearly with its input, whatever its shape (20k vs 40k characters, or 40k vs 80k)", () => {
  it.each(Object.entries(HOSTILE_SHAPES))("%s", async (name, shape) => {
    const g = await growth((text: string) => normalizeText(text, { lang: "en-us", codeBlocks: "read" }), shape(N), shape(2 * N), { next: shape(4 * N) });
    expect(g.ratio, describeGrowth(name, g)).toBeLessThanOrEqual(3);
  });

  it("stays linear past 40k characters of rule-dense text (40k vs 80k)", async () => {
    const text = DATA_LINE.repeat(Math.ceil((4 * N) / DATA_LINE.length));
    const g = await growth((t: string) => normalizeText(t, { lang: "en-us" }), text.slice(0, 2 * N), text.slice(0, 4 * N));
    expect(g.ratio, describeGrowth("numbers and units, 40k vs 80k", g)).toBeLessThanOrEqual(3);
  });
});

describe("the linear rewrites read Markdown as before", () => {
  const say = (input: string): string[] => normalizeText(input, { lang: "en-us" }).map((p) => p.text);

  it("drops a heading's closing hashes but keeps a hash inside it", () => {
    expect(say("## Install ##   ")).toEqual(["Install"]);
    expect(say("# Top 10 ##")).toEqual(["Top ten"]);
    expect(say("#   ## ")).toEqual([]);
    expect(say("# Step #1")).toEqual(["Step number one"]);
  });

  it("reads a table row without its border pipes, and skips the separator row", () => {
    expect(say("| Name | Size |   \n|---|---:|\n| a | 5 km |")).toEqual(["Name, Size.", "a, five kilometers"]);
  });

  it("reads indented paragraphs after blank lines as prose, and indented code as code", () => {
    expect(say("    First line here.\n\n    Second line here.")).toEqual(["First line here.", "Second line here."]);
    expect(normalizeText("    const x = 1;\n\n    Second line.", { lang: "en-us", codeBlocks: "skip" })).toEqual([]);
  });
});
