import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DocumentBuffer } from "../../src/pipeline/document-buffer.js";
import { PhonemeSentenceBuffer } from "../../src/pipeline/phoneme-sentence-buffer.js";
import { pieceBufferFor } from "../../src/pipeline/piece-buffer.js";
import { SentenceBuffer } from "../../src/pipeline/sentence-buffer.js";
import { SpeechInputError } from "../../src/pipeline/errors.js";
import { describeGrowth, growth } from "../text/shape-timing.js";

describe("PhonemeSentenceBuffer", () => {
  it("hands out a sentence once its end mark and the space after it have come", async () => {
    const b = new PhonemeSentenceBuffer();
    expect(await b.push("hˈɛlO wˈɜɹld.")).toBe(""); // the word may go on ("…", ".”")
    expect(await b.push(" ðɛɹ")).toBe("hˈɛlO wˈɜɹld. ");
    expect(await b.push("? ɪz! mˈOɹ")).toBe("ðɛɹ? ɪz! ");
    expect(await b.push(".\u201D ʌnd")).toBe(""); // a closing quote after the full stop: the word does not end in a mark
    expect(b.flush()).toBe("mˈOɹ.\u201D ʌnd");
    expect(b.flush()).toBe("");
  });

  it("property: every character comes out once, in order, however the text is cut", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom("a", "ˈ", " ", ".", "!", "?", "…", "\n", "ə"), { maxLength: 60 }), fc.array(fc.nat(6), { maxLength: 20 }), async (chars, cuts) => {
        const text = chars.join("");
        const b = new PhonemeSentenceBuffer();
        let out = "";
        let at = 0;
        for (const cut of cuts) {
          out += await b.push(text.slice(at, at + cut));
          at += cut;
        }
        out += (await b.push(text.slice(at))) + b.flush();
        expect(out).toBe(text);
      }),
    );
  });
});

describe("PhonemeSentenceBuffer time", () => {
  it("looks at each character once: twice the text, one character a message, at most 3× the CPU time", async () => {
    const feed = async (text: string): Promise<void> => {
      const b = new PhonemeSentenceBuffer();
      for (const ch of text) await b.push(ch);
      b.flush();
    };
    const shape = (n: number) => "ə".repeat(n); // no sentence end: everything stays buffered
    const g = await growth(feed, shape(20_000), shape(40_000), { next: shape(80_000) });
    expect(g.ratio, describeGrowth("one phoneme a push", g)).toBeLessThanOrEqual(3);
  });
});

describe("DocumentBuffer", () => {
  it("never hands out a document by itself: flush gives it whole", async () => {
    const b = new DocumentBuffer(100);
    for (const piece of ["<speak>Hel", "lo.</spe", "ak>"]) expect(await b.push(piece)).toBe("");
    expect(b.size).toBe(21);
    expect(b.flush()).toBe("<speak>Hello.</speak>");
    expect(b.flush()).toBe("");
  });

  it("drops a document past the limit (counted in characters), and the rest of it up to the next flush", async () => {
    const b = new DocumentBuffer(10);
    await b.push("😀".repeat(10)); // 10 characters, 20 UTF-16 units: within
    await expect(b.push("x")).rejects.toThrow(SpeechInputError);
    await expect(b.push("more of it")).resolves.toBe("");
    expect(b.flush()).toBe("");
    await b.push("<speak/>");
    expect(b.flush()).toBe("<speak/>");
  });
});

describe("pieceBufferFor", () => {
  it("picks the buffer for the input form", () => {
    const split = async () => [];
    expect(pieceBufferFor("text", "en-us", split, 10)).toBeInstanceOf(SentenceBuffer);
    expect(pieceBufferFor("ssml", "en-us", split, 10)).toBeInstanceOf(DocumentBuffer);
    expect(pieceBufferFor("phonemes", "en-us", split, 10)).toBeInstanceOf(PhonemeSentenceBuffer);
  });
});
