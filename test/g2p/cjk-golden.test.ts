import { afterAll, describe, expect, it } from "vitest";
import { createG2P } from "../../src/g2p/index.js";
import { InProcessFrontEnd } from "../../src/pipeline/front-end.js";
import { MISAKI_DIR } from "../helpers/paths.js";
import { CJK_LANGS, goldenPath } from "./cjk-golden.js";
import { describeGoldenSentences } from "./golden-sentences.js";

// The golden phonemes were made by these front-ends and reviewed by eye against misaki v1.0's rules (ja: its cutlet
// kana table, ん assimilation, っ → ʔ, ー → ː, particles は/へ/を as βa/e/o; zh: pinyin → IPA with → ↗ ↓ ↘, ɨ after
// z c s zh ch sh r, neutral tones unmarked, Chinese numerals for digits); they pin the behaviour.
const frontEnd = new InProcessFrontEnd(createG2P({ lexiconDir: MISAKI_DIR }));
afterAll(() => frontEnd.close());

describeGoldenSentences(CJK_LANGS, goldenPath, frontEnd, (golden) => {
  it("leaves no CJK character or digit unread", () => {
    for (const [, phonemes] of golden) expect(phonemes).not.toMatch(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\d]/u);
  });
});

describe("inline pronunciations in Japanese and Chinese text", () => {
  it("keeps the phonemes given for a word and reads the rest", async () => {
    expect((await frontEnd.phonemize("[東京](/toːkʲoː/)に行きます。", { lang: "ja", codeBlocks: "skip" })).phonemes).toBe("toːkʲoː ɲi ikʲimasɨ.");
    expect((await frontEnd.phonemize("我去[北京](/pei↓ʨi→ŋ/)。", { lang: "zh", codeBlocks: "skip" })).phonemes).toBe("wo↓ʨʰy↘ pei↓ʨi→ŋ.");
  });
});
