import { describe, expect, it } from "vitest";
import {
  digitsToWords, fractionToWords, numberToWords, ordinalToWords, romanValue, yearToWords,
} from "../../src/text/index.js";

describe("numberToWords", () => {
  it.each([
    [0, "zero", "zero"],
    [7, "seven", "seven"],
    [13, "thirteen", "thirteen"],
    [42, "forty-two", "forty-two"],
    [100, "one hundred", "one hundred"],
    [105, "one hundred five", "one hundred and five"],
    [999, "nine hundred ninety-nine", "nine hundred and ninety-nine"],
    [1000, "one thousand", "one thousand"],
    [1005, "one thousand five", "one thousand and five"],
    [1234, "one thousand two hundred thirty-four", "one thousand two hundred and thirty-four"],
    [100000, "one hundred thousand", "one hundred thousand"],
    [1000001, "one million one", "one million and one"],
    [2_500_000_000, "two billion five hundred million", "two billion five hundred million"],
    [-3, "minus three", "minus three"],
    [3.5, "three point five", "three point five"],
    [0.25, "zero point two five", "zero point two five"],
  ])("%s → %s (en-us) / %s (en-gb)", (n, us, gb) => {
    expect(numberToWords(n, { lang: "en-us" })).toBe(us);
    expect(numberToWords(n, { lang: "en-gb" })).toBe(gb);
  });

  it.each([
    ["1,000", "one thousand"],
    [".5", "point five"],
    ["-12.75", "minus twelve point seven five"],
    ["3.50", "three point five zero"],
    ["0042", "forty-two"],
  ])("reads the string %j as %j", (s, words) => {
    expect(numberToWords(s)).toBe(words);
  });

  it("reads bigints and numbers past the named scales", () => {
    expect(numberToWords(10n ** 18n)).toBe("one quintillion");
    expect(numberToWords("1".repeat(40))).toBe(Array(40).fill("one").join(" "));
  });

  it("never throws on odd input", () => {
    expect(numberToWords(Number.NaN)).toBe("not a number");
    expect(numberToWords(Number.POSITIVE_INFINITY)).toBe("infinity");
    expect(numberToWords("12abc")).toBe("one two");
    expect(numberToWords("")).toBe("");
  });
});

describe("ordinalToWords", () => {
  it.each([
    [1, "first"], [2, "second"], [3, "third"], [4, "fourth"], [5, "fifth"], [8, "eighth"], [9, "ninth"], [12, "twelfth"],
    [20, "twentieth"], [21, "twenty-first"], [99, "ninety-ninth"], [100, "one hundredth"], [1000, "one thousandth"], ["23rd", "twenty-third"],
  ])("%s → %s", (n, words) => {
    expect(ordinalToWords(n)).toBe(words);
  });

  it("uses the British 'and'", () => {
    expect(ordinalToWords(101, { lang: "en-gb" })).toBe("one hundred and first");
    expect(ordinalToWords(101, { lang: "en-us" })).toBe("one hundred first");
  });
});

describe("yearToWords", () => {
  it.each([
    [1990, "nineteen ninety", "nineteen ninety"],
    [1905, "nineteen oh five", "nineteen oh five"],
    [1900, "nineteen hundred", "nineteen hundred"],
    [2000, "two thousand", "two thousand"],
    [2008, "two thousand eight", "two thousand and eight"],
    [2010, "twenty ten", "twenty ten"],
    [2024, "twenty twenty-four", "twenty twenty-four"],
    [1066, "ten sixty-six", "ten sixty-six"],
    [800, "eight hundred", "eight hundred"],
  ])("%s → %s (en-us) / %s (en-gb)", (y, us, gb) => {
    expect(yearToWords(y, { lang: "en-us" })).toBe(us);
    expect(yearToWords(y, { lang: "en-gb" })).toBe(gb);
  });
});

describe("fractions, digits and Roman numerals", () => {
  it.each([
    [1, 2, null, "one half"],
    [3, 4, null, "three quarters"],
    [2, 3, null, "two thirds"],
    [5, 8, null, "five eighths"],
    [1, 2, 2, "two and a half"],
    [3, 4, 1, "one and three quarters"],
  ] as const)("%s/%s (whole %s) → %s", (n, d, w, words) => {
    expect(fractionToWords(n, d, w)).toBe(words);
  });

  it("spells digits", () => {
    expect(digitsToWords("0042")).toBe("zero zero four two");
  });

  it.each([["IV", 4], ["VIII", 8], ["XIV", 14], ["MCMXC", 1990], ["IIII", null], ["VX", null], ["", null]] as const)(
    "romanValue(%j) = %s",
    (s, v) => {
      expect(romanValue(s)).toBe(v);
    },
  );
});
