import { describe, expect, it } from "vitest";
import { kanaToPhonemes } from "../../../src/g2p/ja/kana.js";
import { countToKana, integerToKana, numberToKana } from "../../../src/g2p/ja/numbers.js";
import { KOKORO_VOCAB } from "../../../src/g2p/vocab.js";

describe("kana → Kokoro phonemes (misaki v1.0's cutlet table)", () => {
  it.each([
    ["カ", "ka"], ["キ", "kʲi"], ["シ", "ɕi"], ["チ", "ʨi"], ["ツ", "ʦɨ"], ["フ", "ɸɯ"], ["リ", "ɾʲi"], ["ワ", "βa"], ["ヲ", "o"],
    ["キャ", "kʲa"], ["シュ", "ɕɨ"], ["チョ", "ʨo"], ["ジャ", "ʥa"], ["ファ", "ɸa"], ["ティ", "tʲi"], ["ヴァ", "va"], ["ウィ", "βi"],
    ["トーキョー", "toːkʲoː"], ["キップ", "kʲiʔpɯ"], ["シンブン", "ɕimbɯɴ"], ["サンマ", "samma"], ["テンキ", "teŋkʲi"],
    ["コンニチワ", "koɲɲiʨiβa"], ["ホンダ", "honda"], ["ホン", "hoɴ"], ["ゼンイン", "ʣeɴiɴ"], ["いすゞ", "isɨzɨ"],
  ])("%s → %s", (kana, phonemes) => {
    expect(kanaToPhonemes(kana)).toBe(phonemes);
  });

  it("writes only Kokoro symbols for every kana and pair of kana", () => {
    const kana = [...Array(0x3097 - 0x3041)].map((_, i) => String.fromCharCode(0x3041 + i)).concat([..."ーヷヸヹヺ"]);
    for (const a of kana) for (const b of kana) expect([...kanaToPhonemes(a + b)].filter((ch) => !KOKORO_VOCAB.has(ch))).toEqual([]);
  });
});

describe("numbers read in Japanese (misaki's num2kana, extended)", () => {
  it.each([
    ["0", "ぜろ"], ["10", "じゅー"], ["15", "じゅーご"], ["300", "さんびゃく"], ["600", "ろっぴゃく"], ["800", "はっぴゃく"],
    ["1000", "せん"], ["3000", "さんぜん"], ["8000", "はっせん"], ["11000", "いちまんいっせん"], ["20000", "にまん"],
    ["100000000", "いちおく"], ["1000000000000", "いっちょー"],
  ])("%s → %s", (digits, kana) => {
    expect(integerToKana(digits)).toBe(kana);
  });

  it("reads decimals, separators and counters", () => {
    expect(numberToKana("3.14")).toBe("さんてんいちよん");
    expect(numberToKana("1,500")).toBe("せんごひゃく");
    expect(countToKana("3", "月")).toBe("さんがつ");
    expect(countToKana("4", "月")).toBe("しがつ");
    expect(countToKana("1", "日")).toBe("ついたち");
    expect(countToKana("2", "人")).toBe("ふたり");
    expect(countToKana("100", "円")).toBe("ひゃくえん");
  });
});
