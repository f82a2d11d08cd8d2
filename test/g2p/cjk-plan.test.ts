import { afterAll, describe, expect, it } from "vitest";
import { createG2P } from "../../src/g2p/index.js";
import { InProcessFrontEnd, planText } from "../../src/pipeline/front-end.js";
import { wordTimings } from "../../src/pipeline/word-timings.js";
import { MISAKI_DIR } from "../helpers/paths.js";

const frontEnd = new InProcessFrontEnd(createG2P({ lexiconDir: MISAKI_DIR }));
afterAll(() => frontEnd.close());

// Long texts with no clause mark to cut at: the planner must still cut, and only between words.
const LONG = {
  ja: "私は毎朝早く起きて近くの公園を散歩してから駅前の喫茶店で新聞を読みながらコーヒーを飲むのが好きです".repeat(12),
  zh: "我们明天早上八点在北京大学门口见面然后一起去图书馆看书学习中文和历史".repeat(15),
} as const;

describe.each(Object.entries(LONG))("%s: planning a long unpunctuated text", (lang, text) => {
  it("keeps every call within 510 ids and cuts only between words", async () => {
    const chunks = await planText(text, frontEnd, { lang: lang as "ja" | "zh", codeBlocks: "skip" });
    expect(chunks.length).toBeGreaterThan(1);
    const words = (await frontEnd.phonemizeText(text, { lang: lang as "ja" | "zh", codeBlocks: "skip" })).flatMap((p) => p.tokens.filter((t) => t.kind === "word").map((t) => t.text));
    const planned: string[] = [];
    for (const chunk of chunks) {
      expect(chunk.ids.length).toBeLessThanOrEqual(510);
      planned.push(...chunk.words.filter((w) => w.kind === "word").map((w) => w.text));
    }
    // Each word of the text is in exactly one call, whole.
    expect(planned).toEqual(words);
  });

  it("times each word (by its share of the call's phonemes) in order", async () => {
    const [chunk] = await planText(text.slice(0, 60), frontEnd, { lang: lang as "ja" | "zh", codeBlocks: "skip" });
    const { words, estimated } = wordTimings(chunk!, 0, 5, null);
    expect(estimated).toBe(true);
    expect(words.length).toBeGreaterThan(5);
    for (let i = 1; i < words.length; i++) expect(words[i]!.start).toBeGreaterThanOrEqual(words[i - 1]!.end);
    expect(words.every((w) => /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(w.word))).toBe(true);
  });
});
