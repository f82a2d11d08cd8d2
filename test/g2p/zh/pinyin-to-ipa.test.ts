import { describe, expect, it } from "vitest";
import { KOKORO_VOCAB } from "../../../src/g2p/vocab.js";
import { pinyinToKokoro } from "../../../src/g2p/zh/pinyin-to-ipa.js";

describe("pinyin → Kokoro phonemes (misaki v1.0's table)", () => {
  it.each([
    ["zhong1", "ꭧʊ→ŋ"], ["guo2", "kwo↗"], ["ni3", "ni↓"], ["hao3", "xau↓"], ["shi4", "ʂɨ↘"], ["zi5", "ʦɨ"],
    ["ri4", "ɻɨ↘"], ["ci2", "ʦʰɨ↗"], ["chi1", "ꭧʰɨ→"], ["xue2", "ɕɥe↗"], ["yu3", "y↓"], ["yuan2", "ɥɛ↗n"],
    ["jun1", "ʨy→n"], ["lü4", "ly↘"], ["nüe4", "nɥe↘"], ["liu2", "ljou↗"], ["gui4", "kwei↘"], ["dun1", "twə→n"],
    ["wo3", "wo↓"], ["wu3", "u↓"], ["yi1", "i→"], ["you3", "jou↓"], ["ye4", "je↘"], ["yong4", "jʊ↘ŋ"],
    ["er4", "ɚ↘"], ["bo2", "pwo↗"], ["men0", "mən"], ["qing3", "ʨʰi↓ŋ"], ["ng2", "ŋ↗"], ["wei4", "wei↘"],
  ])("%s → %s", (pinyin, phonemes) => {
    expect(pinyinToKokoro(pinyin)).toBe(phonemes);
  });

  it("refuses what is not pinyin", () => {
    for (const bad of ["", "q", "xyz3", "ba9", "abc"]) expect(pinyinToKokoro(bad)).toBeUndefined();
  });

  it("writes only Kokoro symbols for every initial × final × tone", () => {
    const initials = ["", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "zh", "ch", "sh", "r", "z", "c", "s", "y", "w"];
    const finals = ["a", "ai", "an", "ang", "ao", "e", "ei", "en", "eng", "i", "ia", "ian", "iang", "iao", "ie", "in", "ing", "iong", "iu", "o", "ong", "ou", "u", "ua", "uai", "uan", "uang", "ui", "un", "uo", "ü", "üe"];
    for (const i of initials) for (const f of finals) for (const t of "012345") {
      const p = pinyinToKokoro(i + f + t);
      if (p !== undefined) expect([...p].filter((ch) => !KOKORO_VOCAB.has(ch))).toEqual([]);
    }
  });
});
