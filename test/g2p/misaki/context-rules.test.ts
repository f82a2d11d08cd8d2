import { describe, expect, it } from "vitest";
import { MisakiG2P } from "../../../src/g2p/misaki/misaki-g2p.js";
import { normalizeToString } from "../../../src/text/index.js";
import type { Lang } from "../../../src/text/lang.js";
import { RecordingFallback, sharedStore } from "./misaki-helpers.js";

// Issue 15: clitics after question words, `read` in questions, and function-word stress in context.
const g2p = new MisakiG2P({ lexicons: sharedStore, fallback: new RecordingFallback() });

async function wordIn(sentence: string, word: string, lang: Lang = "en-us"): Promise<string | undefined> {
  return (await g2p.tokens(sentence, lang)).find((t) => t.text === word)?.phonemes;
}

describe("contractions: the clitic after a vowel or a consonant", () => {
  it.each([
    ["What're they saying?", "What're", "wˌʌTəɹ"],
    ["So where're you?", "where're", "wˌɛɹəɹ"],
    ["And who're they?", "who're", "hˌuəɹ"],
    ["And how're we?", "how're", "hˌWəɹ"],
    ["It could've worked.", "could've", "kʊdəv"],
    ["And who'll pay?", "who'll", "hˌul"],
    ["So what'll it be?", "what'll", "wˌʌTᵊl"],
    ["I think that'd work.", "that'd", "ðæTəd"],
  ])("%j: %s → %s", async (sentence, word, phonemes) => {
    expect(await wordIn(sentence, word)).toBe(phonemes);
  });

  it("keeps the British t (no flap) before the clitic", async () => {
    expect(await wordIn("So what're they doing?", "what're", "en-gb")).not.toContain("ɾ");
    expect(await wordIn("So what're they doing?", "what're", "en-gb")).toMatch(/təɹ$/u);
  });
});

describe("`read`: present after a modal or do, past participle after have, also when the subject comes between", () => {
  it.each([
    ["Did they read it?", "ɹˈid"],
    ["Should we read on?", "ɹˈid"],
    ["Does she read maps?", "ɹˈid"],
    ["Have they read it?", "ɹˈɛd"],
    ["Had you read it?", "ɹˈɛd"],
    ["They will read it.", "ɹˈid"],
    ["She has read it.", "ɹˈɛd"],
  ])("%j → %s", async (sentence, phonemes) => {
    expect(await wordIn(sentence, "read")).toBe(phonemes);
  });
});

describe("function words keep misaki's stress in context", () => {
  it.each([
    ["Who did this?", "this", "ðˈɪs"],
    ["Go through these.", "these", "ðˈiz"],
    ["This is it.", "is", "ɪz"],
    ["Climb in.", "in", "ˈɪn"],
    ["Sit in a chair.", "in", "ɪn"],
    ["An owl hooted.", "An", "ɐn"],
    ["Walk to it.", "to", "tʊ"],
    ["Walk to the door.", "to", "tə"],
  ])("%j: %s → %s", async (sentence, word, phonemes) => {
    expect(await wordIn(sentence, word)).toBe(phonemes);
  });
});

describe("capitals the normalizer leaves as written are spelled, words it lowercases are read", () => {
  it.each([
    ["Give IV fluids now.", "IV", "ˌIvˈi"],
    ["Call 1-800-CALL-ATT now.", "ATT", "ˌAtˌitˈi"],
    ["Call 1-800-CALL-ATT now.", "call", "kˈɔl"],
    ["Call 1-877-GOT-JUNK now.", "got", "ɡɑt"],
  ])("%j: %s → %s", async (input, word, phonemes) => {
    expect(await wordIn(normalizeToString(input, { lang: "en-us" }), word)).toBe(phonemes);
  });
});
