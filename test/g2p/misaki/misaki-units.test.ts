import { describe, it, expect } from "vitest";
import { Lexicon, resolvePos } from "../../../src/g2p/misaki/lexicon.js";
import { numberWords } from "../../../src/g2p/misaki/numbers.js";
import { tagTokens } from "../../../src/g2p/misaki/pos.js";
import { applyStress } from "../../../src/g2p/misaki/stress.js";
import { tokenize } from "../../../src/g2p/misaki/tokenize.js";
import { sharedStore } from "./misaki-helpers.js";

describe("applyStress (misaki's conventions)", () => {
  it.each([
    ["hˈɛlO", undefined, "hˈɛlO"],
    ["hˈɛlˌO", -2, "hɛlO"],
    ["hˈɛlˌO", -1, "hˌɛlO"],
    ["hˈɛlˌO", -0.5, "hˌɛlO"],
    ["hˈɛlˌO", 0, "hˌɛlO"],
    ["ɪt", 0.5, "ˌɪt"],
    ["ɪt", 0, "ˌɪt"],
    ["ɪt", 2, "ˈɪt"],
    ["hˌɛlO", 1, "hˈɛlO"],
    ["mm", 2, "mm"],
    ["ðə", 0.5, "ðˌə"],
  ] as const)("%s at %s → %s", (ps, stress, expected) => {
    expect(applyStress(ps, stress)).toBe(expected);
  });
});

describe("Lexicon", () => {
  const lexicon = Lexicon.fromJson(
    "en-us",
    { hello: "həlˈO", Paris: "pˈɛɹɪs", x: "ˈɛks", read: { DEFAULT: "ɹˈid", VBD: "ɹˈɛd", NOUN: null } },
    { ohio: "OhˈIO" },
    { exclude: (w) => w === "ohio" },
  );

  it("grows case variants of keys of two or more letters, and honours exclusions", () => {
    expect(lexicon.gold("Hello")).toBe("həlˈO");
    expect(lexicon.gold("paris")).toBe("pˈɛɹɪs");
    expect(lexicon.gold("X")).toBeUndefined();
    expect(lexicon.silver("ohio")).toBeUndefined();
  });

  it("resolves POS entries by exact tag, parent tag, then DEFAULT; null means spell", () => {
    const read = lexicon.gold("read");
    if (typeof read !== "object") throw new Error("expected a POS entry");
    expect(resolvePos(read, "VBD", false)).toBe("ɹˈɛd");
    expect(resolvePos(read, "VB", false)).toBe("ɹˈid");
    expect(resolvePos(read, "NNS", false)).toBeNull();
    expect(resolvePos({ DEFAULT: "wɪl", None: "wˈɪl" }, "MD", true)).toBe("wˈɪl");
    expect(resolvePos({ DEFAULT: "wɪl", None: "wˈɪl" }, "MD", false)).toBe("wɪl");
  });

  it("loads the real files with their sizes", async () => {
    const us = await sharedStore.get("en-us");
    expect(us.size.gold).toBe(90_201);
    expect(us.gold("tomato")).toBe("təmˈAɾO");
    expect((await sharedStore.get("en-gb")).gold("tomato")).toBe("təmˈɑːtQ");
  });
});

describe("numberWords", () => {
  it.each([
    ["0", "zero"],
    ["7", "seven"],
    ["42", "forty two"],
    ["100", "one hundred"],
    ["1,234,567", "one million two hundred thirty four thousand five hundred sixty seven"],
    ["1984", "nineteen eighty four"],
    ["1905", "nineteen oh five"],
    ["2000", "two thousand"],
    ["2005", "two thousand five"],
    ["2024", "twenty twenty four"],
    ["3.14", "three point one four"],
    ["-5", "minus five"],
    ["007", "zero zero seven"],
    ["1st", "first"],
    ["22nd", "twenty second"],
    ["13th", "thirteenth"],
    ["90th", "ninetieth"],
  ])("%s → %s", (digits, words) => {
    expect(numberWords(digits)?.join(" ")).toBe(words);
  });

  it("refuses what is not a number", () => {
    expect(numberWords("abc")).toBeUndefined();
    expect(numberWords("1.2.3")).toBeUndefined();
  });
});

describe("tagTokens", () => {
  const keys = (word: string): readonly string[] | undefined =>
    ({ read: ["DEFAULT", "VBD", "VBN", "VBP", "ADJ"], record: ["DEFAULT", "VERB"], close: ["DEFAULT", "NOUN", "VERB"] })[word];
  const tag = (text: string): string[] => {
    const tokens = tokenize(text);
    const tags = tagTokens(tokens, keys);
    return tokens.flatMap((t, i) => (t.kind === "word" ? [`${t.text}/${tags[i]}`] : []));
  };

  it("tells verbs from nouns by their neighbours", () => {
    expect(tag("I will read it")).toContain("read/VB");
    expect(tag("he read it")).toContain("read/VBD");
    expect(tag("it was read")).toContain("read/VBN");
    expect(tag("Record the record")).toEqual(["Record/VB", "the/DT", "record/NN"]);
    expect(tag("a close friend")).toContain("close/JJ");
  });

  it("tags the special-case words", () => {
    expect(tag("I saw a cat in the box")).toEqual(["I/PRP", "saw/VBP", "a/DT", "cat/", "in/IN", "the/DT", "box/"]);
    expect(tag("come in")).toContain("in/RB");
    expect(tag("the FBI")).toContain("FBI/NNP");
  });
});

describe("tokenize", () => {
  it("keeps words whole and marks apart", () => {
    expect(tokenize("Well-known U.S. army's 3.5%, ok?!").map((t) => t.text)).toEqual([
      "Well-known", "U.S.", "army's", "3.5", "%", ",", "ok", "?!",
    ]);
  });
});
