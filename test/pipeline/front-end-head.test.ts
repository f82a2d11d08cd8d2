import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { createG2P, InvalidPhonemesError } from "../../src/g2p/index.js";
import type { G2P } from "../../src/g2p/types.js";
import { HEAD_CHARS, headOf, phonemeString, phonemizeHeadWith, phonemizeText, type FrontEnd, type PhonemizedHead } from "../../src/pipeline/front-end.js";
import { prepareSpeech } from "../../src/pipeline/speech.js";
import type { PhonemizedPiece } from "../../src/plan/units.js";
import { MISAKI_DIR } from "../helpers/paths.js";

const g2p = createG2P({ lexiconDir: MISAKI_DIR });
afterAll(() => g2p.close());
const options = { lang: "en-us", codeBlocks: "skip" } as const;

/** A G2P that counts the characters it is asked to read. */
function counting(inner: G2P): G2P & { chars: number } {
  const counter = {
    name: inner.name,
    chars: 0,
    tokens(text: string, lang: "en-us" | "en-gb") {
      counter.chars += text.length;
      return inner.tokens(text, lang);
    },
    phonemize: inner.phonemize.bind(inner),
    close: () => Promise.resolve(),
  };
  return counter as G2P & { chars: number };
}

const sentences = (n: number): string =>
  Array.from({ length: n }, (_, i) => `Sentence ${i + 1} costs $${i}.50, said Dr. Smith on Jan. ${(i % 28) + 1}, and then left.`).join(" ");

describe("the head of a text (read before the first call)", () => {
  it("reads at most HEAD_CHARS characters, whatever the length of the text", async () => {
    const read: number[] = [];
    for (const n of [20, 200, 2000]) {
      const g = counting(g2p);
      const head = await phonemizeHeadWith(sentences(n), g, options);
      read.push(g.chars); // normalized characters ("$3.50" is read as words): longer than the source
      expect(head.pieces.length).toBeGreaterThan(0);
      expect(head.restStart).toBeLessThanOrEqual(HEAD_CHARS);
    }
    expect(read[1]).toBe(read[0]);
    expect(read[2]).toBe(read[0]);
  });

  it("ends after a whole sentence, so the head and the rest read exactly as the whole text", async () => {
    const text = sentences(60);
    const { end, continues } = headOf(text, options);
    expect(continues).toBe(false);
    expect(end).toBeGreaterThan(HEAD_CHARS / 2);
    const head = await phonemizeText(text.slice(0, end), g2p, options);
    const rest = await phonemizeText(text.slice(end), g2p, options);
    expect(phonemeString([...head, ...rest])).toBe(phonemeString(await phonemizeText(text, g2p, options)));
  });

  it("head + rest read as the whole text (property: numbers, abbreviations, Markdown lists, fences, quotes, paragraphs)", async () => {
    const part = fc.constantFrom("Hello there.", "Dr. Who met St. John at 3:30 p.m.", "It cost $3.50, or 1,000 yen!", "# Heading\n", "- an item\n",
      "Is it 2024-01-05?", "See example.com now.", "\n\n", "Well-known words, read well;", "Chapter IV begins.", "NASA and the FBI.",
      "\n```\nconst x = 1;\n```\n", "1. first\n", "> quoted words\n", "    indented line\n", "* star item\n");
    let cuts = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(part, { minLength: 60, maxLength: 120 }), async (parts) => {
        const text = parts.join(" ");
        fc.pre(text.length > HEAD_CHARS);
        const head = await phonemizeHeadWith(text, g2p, options);
        if (head.restStart < text.length) cuts++;
        // The head closes its last sentence ("* star item" before more text), as the whole text does at that seam.
        const split = [...head.pieces, ...(await phonemizeText(text.slice(head.restStart), g2p, options))];
        expect(phonemeString(split)).toBe(phonemeString(await phonemizeText(text, g2p, options)));
      }),
      { numRuns: 40 },
    );
    expect(cuts).toBeGreaterThan(5); // the property is about texts that were cut, not read whole
  });

  it("closes the head's last sentence where the text goes on (a seam inside one call), but not the text's own end", async () => {
    const text = Array.from({ length: 150 }, (_, i) => `Line number ${i + 1}`).join("\n\n");
    const head = await phonemizeHeadWith(text, g2p, options);
    expect(head.restStart).toBeLessThan(text.length);
    expect(head.pieces.at(-1)!.tokens.at(-1)).toMatchObject({ kind: "punct", phonemes: "." });
    const rest = await phonemizeText(text.slice(head.restStart), g2p, options);
    expect(rest.at(-1)!.tokens.at(-1)!.kind).toBe("word");
    expect(phonemeString([...head.pieces, ...rest])).toBe(phonemeString(await phonemizeText(text, g2p, options)));
  });

  it("cuts one sentence longer than the window at a space, without the full stop the text does not have there", async () => {
    const text = Array.from({ length: 400 }, (_, i) => `word${i % 10 === 0 ? "" : "s"}`).join(" ") + ".";
    const { end, continues } = headOf(text, options);
    expect(continues).toBe(true);
    expect(text[end]).toBe(" ");
    const head = await phonemizeHeadWith(text, g2p, options);
    const last = head.pieces.at(-1)!;
    expect(last.continues).toBe(true);
    expect(last.tokens.at(-1)!.kind).toBe("word");
  });

  it("refuses bad inline phonemes anywhere in the text before the first call, not only in the head", async () => {
    const text = sentences(60) + " Say [this](/θɪs☃/) please.";
    expect(text.length).toBeGreaterThan(2 * HEAD_CHARS);
    await expect(phonemizeHeadWith(text, g2p, options)).rejects.toBeInstanceOf(InvalidPhonemesError);
  });
});

describe("prepareSpeech", () => {
  it("plans the first call before the rest of the text has been read", async () => {
    let releaseRest: ((pieces: PhonemizedPiece[]) => void) | undefined;
    const restRead = new Promise<PhonemizedPiece[]>((resolve) => (releaseRest = resolve));
    const frontEnd: FrontEnd = {
      name: "stub",
      phonemizeHead: (text): Promise<PhonemizedHead> => phonemizeHeadWith(text, g2p, options),
      phonemizeText: () => restRead,
      normalize: () => Promise.resolve(""),
      phonemize: () => Promise.resolve({ phonemes: "", tokens: [] }),
      sentenceEnds: () => Promise.resolve([]),
      stats: () => ({ fallbackWords: 0 }),
      warmUp: () => Promise.resolve(),
      close: () => Promise.resolve(),
    };
    const text = sentences(200);
    const job = { text, voice: { id: "af", name: "af", language: "en-us" } as never, speed: 1, lang: "en-us" as const };
    const prepared = await prepareSpeech(job, frontEnd);
    expect(prepared.chunks.length).toBeGreaterThan(0);
    expect(prepared.later).not.toBeNull();
    const rest = await phonemizeText(text.slice(headOf(text, options).end), g2p, options);
    releaseRest!(rest);
    const later = await prepared.later!;
    const all = [...prepared.chunks, ...later];
    expect(all.map((c) => c.seq)).toEqual(all.map((_, i) => i));
    expect(all.map((c) => c.phonemes).join(" ").replace(/\s+/g, " ")).toBe(phonemeString(await phonemizeText(text, g2p, options)).replace(/\s+/g, " "));
  });
});
