import { describe, expect, it } from "vitest";
import { SentenceBuffer } from "../../src/pipeline/sentence-buffer.js";

describe("SentenceBuffer", () => {
  it("releases a sentence once the next one has begun, never splitting abbreviations or decimals", async () => {
    const b = new SentenceBuffer("en-us");
    const out: string[] = [];
    for (const token of ["Dr", ". Smith", " paid $3", ".50 for", " it. The", "n he left", ". Bye"]) out.push(await b.push(token));
    expect(out.filter((s) => s !== "").map((s) => s.trim())).toEqual(["Dr. Smith paid $3.50 for it.", "Then he left."]);
    expect(b.flush().trim()).toBe("Bye");
    expect(b.flush()).toBe("");
  });

  it("keeps every character exactly once across push and flush", async () => {
    const text = "One. Two three! Four? e.g. five, six.\n\nSeven";
    const b = new SentenceBuffer("en-us");
    let got = "";
    for (const ch of text) got += await b.push(ch);
    got += b.flush();
    expect(got).toBe(text);
  });

  it("does not split the buffer again while the text has no punctuation (linear in the text, not quadratic)", async () => {
    let splits = 0;
    const b = new SentenceBuffer("en-us", async (text, lang) => {
      splits++;
      const { sentenceEndsOf } = await import("../../src/pipeline/front-end.js");
      return sentenceEndsOf(text, lang);
    });
    for (let i = 0; i < 500; i++) expect(await b.push("word ")).toBe("");
    expect(splits).toBe(0);
    expect(await b.push("end. Next")).toBe("word ".repeat(500) + "end.");
    expect(splits).toBe(1);
    expect(b.flush()).toBe(" Next");
  });
});
