import { describe, expect, it } from "vitest";
import { SentenceBuffer } from "../../src/pipeline/sentence-buffer.js";

describe("SentenceBuffer", () => {
  it("releases a sentence once the next one has begun, never splitting abbreviations or decimals", () => {
    const b = new SentenceBuffer("en-us");
    const out: string[] = [];
    for (const token of ["Dr", ". Smith", " paid $3", ".50 for", " it. The", "n he left", ". Bye"]) out.push(b.push(token));
    expect(out.filter((s) => s !== "").map((s) => s.trim())).toEqual(["Dr. Smith paid $3.50 for it.", "Then he left."]);
    expect(b.flush().trim()).toBe("Bye");
    expect(b.flush()).toBe("");
  });

  it("keeps every character exactly once across push and flush", () => {
    const text = "One. Two three! Four? e.g. five, six.\n\nSeven";
    const b = new SentenceBuffer("en-us");
    let got = "";
    for (const ch of text) got += b.push(ch);
    got += b.flush();
    expect(got).toBe(text);
  });
});
