import { afterAll, describe, expect, it } from "vitest";
import { createG2P } from "../../../src/g2p/index.js";
import { KOKORO_VOCAB, phonemesToIds } from "../../../src/g2p/vocab.js";
import { InProcessFrontEnd } from "../../../src/pipeline/front-end.js";
import { MISAKI_DIR } from "../../helpers/paths.js";
import { GOLDEN_LANGS, readGolden } from "./golden.js";

// The golden phonemes were made by this front-end (espeak-ng 1.51, Debian) and reviewed by eye against misaki's
// espeak.py rules (tied affricates and diphthongs → ʧ ʤ ʦ ʣ A I O W Y Q S, ties and hyphens gone, stress, length,
// nasal tildes, ʁ ɾ r kept); they pin the behaviour, they were not produced independently of it.
const frontEnd = new InProcessFrontEnd(createG2P({ lexiconDir: MISAKI_DIR }));
afterAll(() => frontEnd.close());

describe.each(GOLDEN_LANGS)("%s golden sentences", (lang) => {
  const golden = readGolden(lang);

  it("has at least 40 sentences", () => {
    expect(golden.length).toBeGreaterThanOrEqual(40);
  });

  it("reads every sentence as its golden phonemes", async () => {
    const got: string[] = [];
    for (const [text] of golden) got.push(await frontEnd.phonemize(text, { lang, codeBlocks: "skip" }));
    expect(got).toEqual(golden.map(([, phonemes]) => phonemes));
  });

  it("writes only Kokoro symbols: every code point of the output has an id", () => {
    for (const [text, phonemes] of golden) {
      const outside = [...phonemes].filter((ch) => !KOKORO_VOCAB.has(ch));
      expect({ text, outside }).toEqual({ text, outside: [] });
      expect(phonemesToIds(phonemes).length).toBe([...phonemes].length);
    }
  });

  it("keeps no tie, hyphen or language flag of espeak's", () => {
    for (const [, phonemes] of golden) expect(phonemes).not.toMatch(/\^|\u0361|-|\([a-z]+\)/u);
  });
});
