import { numberToWords, type NumberWordsOptions } from "./cardinal.js";

const IRREGULAR: Readonly<Record<string, string>> = {
  one: "first", two: "second", three: "third", five: "fifth", eight: "eighth", nine: "ninth", twelve: "twelfth",
};

/** "twenty-one" → "twenty-first", "ninety" → "ninetieth", "hundred" → "hundredth". */
export function ordinalOfWord(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular !== undefined) return irregular;
  if (word.endsWith("y")) return `${word.slice(0, -1)}ieth`;
  return `${word}th`;
}

/** Makes the last word of a cardinal reading ordinal: "one hundred twenty-three" → "… twenty-third". */
export function cardinalWordsToOrdinal(words: string): string {
  const cut = Math.max(words.lastIndexOf(" "), words.lastIndexOf("-")) + 1;
  return words.slice(0, cut) + ordinalOfWord(words.slice(cut));
}

/** 1 → "first", 22 → "twenty-second", 101 → "one hundred first" (en-gb "one hundred and first"). */
export function ordinalToWords(n: number | bigint | string, options: NumberWordsOptions = {}): string {
  const text = typeof n === "string" ? n.replace(/(?:st|nd|rd|th)$/i, "") : n;
  return cardinalWordsToOrdinal(numberToWords(text, options));
}
