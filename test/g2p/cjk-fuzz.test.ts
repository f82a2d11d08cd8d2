import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createG2P } from "../../src/g2p/index.js";
import { InProcessFrontEnd } from "../../src/pipeline/front-end.js";
import { describeGrowth, growth } from "../text/shape-timing.js";
import { MISAKI_DIR } from "../helpers/paths.js";
import { CJK_LANGS } from "./cjk-golden.js";
import { describeRandomText } from "./golden-sentences.js";

const g2p = createG2P({ lexiconDir: MISAKI_DIR });
const frontEnd = new InProcessFrontEnd(g2p);
beforeAll(() => g2p.warmUp(["ja", "zh"]), 60_000);
afterAll(() => frontEnd.close());

const SCRIPT: Readonly<Record<(typeof CJK_LANGS)[number], string>> = {
  ja: "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんっゃゅょぁぃーアイウエオカキャシュヴァッンー日本語東京今天気学校先生私人月円々ゝゞｱｲｳ",
  zh: "你好世界中国人民我们的一不是了在有和大学北京长行重乐的得地着儿们呢吗吧啊嗯呣",
};
const COMMON = " 0123456789０１２.,;:!?—…\"()“”[]{}/%€$+-_*#@&\n\t。，、！？；：「」『』《》【】～😀\u0301\u200d\uE000abcXYZ";

describeRandomText(SCRIPT, COMMON, frontEnd, 60);

// Hostile shapes: kuromoji's lattice and pinyin-pro's matching grow faster than linearly on an unbroken run; the
// front-ends feed them bounded pieces, so the whole grows linearly.
const SHAPES: ReadonlyArray<readonly [string, "ja" | "zh", (n: number) => string]> = [
  ["ja: one unbroken kanji run", "ja", (n) => "漢".repeat(n)],
  ["ja: one unbroken katakana run", "ja", (n) => "アイウ".repeat(n).slice(0, n)],
  ["ja: sentences", "ja", (n) => "今日は良い天気ですね。".repeat(n).slice(0, n)],
  ["ja: digits", "ja", (n) => "1234567890".repeat(n).slice(0, n)],
  ["zh: one unbroken Han run", "zh", (n) => "中国人民".repeat(n).slice(0, n)],
  ["zh: sentences", "zh", (n) => "你好，世界。".repeat(n).slice(0, n)],
  ["zh: digits", "zh", (n) => "9876543210".repeat(n).slice(0, n)],
];

describe("Japanese and Mandarin front-end time grows linearly with its input (1.25k vs 2.5k characters)", () => {
  it.each(SHAPES)("%s", async (name, lang, shape) => {
    const run = (text: string) => frontEnd.phonemizeText(text, { lang, codeBlocks: "read" });
    const g = await growth(run, shape(1250), shape(2500), { next: shape(5000), runs: 2 });
    expect(g.ratio, describeGrowth(name, g)).toBeLessThanOrEqual(3);
  }, 120_000);
});
