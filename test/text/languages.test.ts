import { describe, expect, it } from "vitest";
import { parseLang } from "../../src/pipeline/request.js";
import { SpeechInputError } from "../../src/pipeline/errors.js";
import { normalizeText, normalizeToString } from "../../src/text/index.js";
import { LANG_NAMES, LANGS, langFromCode, type Lang } from "../../src/text/lang.js";
import { splitClauses } from "../../src/text/split/clauses.js";
import { splitSentences } from "../../src/text/split/sentences.js";

describe("lang codes", () => {
  it.each<[string, Lang]>([
    ["en", "en-us"], ["EN-US", "en-us"], ["en_US", "en-us"], ["a", "en-us"],
    ["en-gb", "en-gb"], ["en_GB", "en-gb"], ["B", "en-gb"],
    ["es", "es"], ["e", "es"], ["fr", "fr-fr"], ["fr-FR", "fr-fr"], ["fr_fr", "fr-fr"], ["f", "fr-fr"],
    ["hi", "hi"], ["h", "hi"], ["it", "it"], ["I", "it"], ["ja", "ja"], ["j", "ja"],
    ["pt", "pt-br"], ["pt-BR", "pt-br"], ["pt_br", "pt-br"], ["p", "pt-br"], ["zh", "zh"], ["cmn", "zh"], ["Z", "zh"],
  ])("%s → %s", (code, lang) => {
    expect(langFromCode(code)).toBe(lang);
    expect(parseLang(code)).toBe(lang);
  });

  it("leaves the choice to the voice when no lang is sent", () => {
    expect(parseLang(undefined)).toBeNull();
  });

  it.each(["de", "x", "en-au", "pt-pt", "", "zh-tw"])("refuses %j with a 400 that lists the valid codes", (code) => {
    const err = (() => {
      try {
        parseLang(code);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(SpeechInputError);
    expect((err as SpeechInputError).param).toBe("lang");
    expect((err as SpeechInputError).message).toMatch(/use one of: .*en-us.*es.*fr-fr.*hi.*it.*ja.*pt-br.*zh.*cmn.*\ba\b.*\bz\b/u);
  });

  it("has a display name for each of the nine languages", () => {
    expect(LANGS).toHaveLength(9);
    for (const lang of LANGS) expect(LANG_NAMES[lang]).toMatch(/^\p{Lu}/u);
  });
});

describe("sentences and clauses of other scripts", () => {
  const sentences = (text: string): string[] => splitSentences(text, false).map((r) => text.slice(r.start, r.end));

  it("ends a sentence at the Devanagari danda and double danda", () => {
    expect(sentences("मेरा नाम राम है। आप कैसे हैं? ठीक है॥ अच्छा।")).toEqual(["मेरा नाम राम है।", "आप कैसे हैं?", "ठीक है॥", "अच्छा।"]);
  });

  it("ends a sentence at full-width stops with no space after them, closing brackets included", () => {
    expect(sentences("今日は晴れです。明日は雨？「そうだ！」次。")).toEqual(["今日は晴れです。", "明日は雨？", "「そうだ！」", "次。"]);
    expect(sentences("你好。我很好！谢谢？")).toEqual(["你好。", "我很好！", "谢谢？"]);
    expect(sentences("好。。。真的？！是吗")).toEqual(["好。。。", "真的？！", "是吗"]);
  });

  it("goes on after a quoted sentence followed by the quotative と or って", () => {
    expect(sentences("「本当？」と彼は言った。「行く。」って言ってた。")).toEqual(["「本当？」と彼は言った。", "「行く。」って言ってた。"]);
  });

  it("reads Japanese and Chinese quotation brackets as Kokoro's curly quotes", () => {
    expect(normalizeToString("「本当？」と彼は言った。『はい』。《红楼梦》很好看。", { lang: "ja" })).toBe("“本当?”と彼は言った. “はい”. “红楼梦”很好看.");
  });

  it("keeps ¿ and ¡ with the sentence they open", () => {
    expect(sentences("Hola. ¿Cómo estás? ¡Muy bien! Gracias.")).toEqual(["Hola.", "¿Cómo estás?", "¡Muy bien!", "Gracias."]);
  });

  it("cuts a long sentence at full-width commas and enumeration commas", () => {
    const text = "我们今天去了公园，看到了很多花、很多树；然后回家：吃饭".repeat(4);
    const parts = splitClauses(text, 20);
    expect(parts.length).toBeGreaterThan(1);
    for (const [s] of parts.slice(1)) expect("，、；：").toContain(text[s - 1]);
  });
});

describe("the normalizer of languages without rules", () => {
  it("leaves numbers, dates and abbreviations to espeak-ng instead of reading them in English", () => {
    expect(normalizeToString("Tengo 23 años y 3,5 kilos; el 5/6/2024 a las 10:30, un 50 % por 20 €.", { lang: "es" })).toBe(
      "Tengo 23 años y 3,5 kilos; el 5/6/2024 a las 10:30, un 50 % por 20 €.",
    );
    expect(normalizeToString("I have 23 apples.", { lang: "en-us" })).toBe("I have twenty-three apples.");
  });

  it("strips Markdown and emoji, turns the danda into a full stop and drops ¿ ¡", () => {
    expect(normalizeToString("**Hola** 😀, ¿qué _tal_?", { lang: "es" })).toBe("Hola, qué tal?");
    expect(normalizeText("मेरा नाम राम है। आप कैसे हैं?", { lang: "hi" }).map((p) => p.text)).toEqual(["मेरा नाम राम है.", "आप कैसे हैं?"]);
  });

  it("maps full-width punctuation onto the marks Kokoro knows", () => {
    expect(normalizeToString("Bonjour，ça va？", { lang: "fr-fr" })).toBe("Bonjour, ça va?");
  });
});
