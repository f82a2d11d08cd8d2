// What the golden-sentence and random-text tests of every non-English front-end share: the `sentence<TAB>phonemes`
// files, the script that rewrites them, and the checks each language's golden and random text must pass.
import { readFileSync, writeFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createG2P } from "../../src/g2p/index.js";
import { KOKORO_VOCAB, phonemesToIds } from "../../src/g2p/vocab.js";
import { InProcessFrontEnd, type FrontEnd } from "../../src/pipeline/front-end.js";
import type { Lang } from "../../src/text/lang.js";
import { MISAKI_DIR } from "../helpers/paths.js";

export type GoldenPair = readonly [text: string, phonemes: string];

export function readGoldenFile(path: string): GoldenPair[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const [text = "", phonemes = ""] = line.split("\t");
      return [text, phonemes] as const;
    });
}

/** Rewrites the phoneme column of each language's file from the current front-end (review the diff by eye). */
export async function rewriteGoldenFiles<L extends Lang>(langs: readonly L[], pathOf: (lang: L) => string): Promise<void> {
  const frontEnd = new InProcessFrontEnd(createG2P({ lexiconDir: MISAKI_DIR }));
  try {
    for (const lang of langs) {
      const lines: string[] = [];
      for (const [text] of readGoldenFile(pathOf(lang))) {
        lines.push(`${text}\t${(await frontEnd.phonemize(text, { lang, codeBlocks: "skip" })).phonemes}`);
      }
      writeFileSync(pathOf(lang), `${lines.join("\n")}\n`);
    }
  } finally {
    await frontEnd.close();
  }
}

/** The checks every language's golden sentences pass; `more` adds the language family's own. */
export function describeGoldenSentences<L extends Lang>(langs: readonly L[], pathOf: (lang: L) => string, frontEnd: FrontEnd, more: (golden: GoldenPair[]) => void): void {
  describe.each(langs)("%s golden sentences", (lang) => {
    const golden = readGoldenFile(pathOf(lang));

    it("has at least 40 sentences", () => {
      expect(golden.length).toBeGreaterThanOrEqual(40);
    });

    it("reads every sentence as its golden phonemes", async () => {
      const got: string[] = [];
      for (const [text] of golden) got.push((await frontEnd.phonemize(text, { lang, codeBlocks: "skip" })).phonemes);
      expect(got).toEqual(golden.map(([, phonemes]) => phonemes));
    });

    it("writes only Kokoro symbols: every code point of the output has an id", () => {
      for (const [text, phonemes] of golden) {
        const outside = [...phonemes].filter((ch) => !KOKORO_VOCAB.has(ch));
        expect({ text, outside }).toEqual({ text, outside: [] });
        expect(phonemesToIds(phonemes).length).toBe([...phonemes].length);
      }
    });

    more(golden);
  });
}

const SEED = process.env.FUZZ_SEED === undefined ? {} : { seed: Number(process.env.FUZZ_SEED) };

/**
 * Random text of each language's script (`scripts`), mixed with `common` characters and any code point: the
 * front-end never throws and never makes a symbol outside Kokoro's vocabulary (`FUZZ_SEED` replays a run).
 */
export function describeRandomText<L extends Lang>(scripts: Readonly<Record<L, string>>, common: string, frontEnd: FrontEnd, numRuns: number): void {
  const textOf = (alphabet: string) =>
    fc.oneof(
      fc.array(fc.constantFrom(...alphabet, ...common), { maxLength: 120 }).map((cs) => cs.join("")),
      fc.string({ unit: "binary", maxLength: 80 }),
    );
  describe.each(Object.keys(scripts) as L[])("%s: random text", (lang) => {
    it("never throws and never makes a symbol outside Kokoro's vocabulary", async () => {
      await fc.assert(
        fc.asyncProperty(textOf(scripts[lang]), async (text) => {
          const pieces = await frontEnd.phonemizeText(text, { lang, codeBlocks: "read" });
          for (const piece of pieces) {
            for (const token of piece.tokens) {
              for (const ch of token.phonemes) if (ch !== " " && !KOKORO_VOCAB.has(ch)) throw new Error(`symbol ${JSON.stringify(ch)} from ${JSON.stringify(text)}`);
            }
          }
          const shown = (await frontEnd.phonemize(text, { lang, codeBlocks: "read" })).phonemes;
          for (const ch of shown) expect(KOKORO_VOCAB.has(ch)).toBe(true);
        }),
        { numRuns, ...SEED },
      );
    }, 120_000);
  });
}
