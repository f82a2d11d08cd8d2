// misaki's `get_special_case`: words whose pronunciation depends on their tag or on what follows
// (reference §5.5). Returns undefined when the word is not special.
import { parentTag } from "./lexicon.js";
import type { Context, Resolver } from "./morphology.js";
import type { Stress } from "./stress.js";

/** Symbols read as words wherever they stand alone. */
export const SYMBOL_WORDS: ReadonlyMap<string, string> = new Map([
  ["%", "percent"],
  ["&", "and"],
  ["+", "plus"],
  ["@", "at"],
]);

/** Dotted abbreviations whose parts are all shorter than three letters (U.S., e.g., Ph.D.). */
export function isDottedAbbreviation(word: string): boolean {
  if (!word.includes(".")) return false;
  if (!/^\p{L}+$/u.test(word.replaceAll(".", ""))) return false;
  // Trimmed by hand: /\.+$/ retries at every dot of a long run.
  let start = 0;
  let end = word.length;
  while (start < end && word[start] === ".") start++;
  while (end > start && word[end - 1] === ".") end--;
  if (!word.slice(start, end).includes(".")) return false;
  return word.split(".").every((part) => part.length < 3);
}

export interface SpecialCaseHelpers extends Resolver {
  /** The word spelled letter by letter (misaki's `get_NNP`). */
  spell(word: string): string | undefined;
  /** The gold form of a word (for `to`, `am`, `used`), resolved with a tag. */
  gold(word: string, tag: string): string | undefined;
}

export function specialCase(word: string, tag: string, stress: Stress, ctx: Context, h: SpecialCaseHelpers): string | undefined {
  const symbol = SYMBOL_WORDS.get(word);
  if (symbol !== undefined) return h.lookup(symbol, "", undefined, ctx);
  if (isDottedAbbreviation(word)) return h.spell(word);
  switch (word) {
    case "a":
    case "A":
      return tag === "DT" ? "ɐ" : "ˈA";
    case "am":
    case "Am":
    case "AM":
      if (tag.startsWith("NN")) return h.spell(word);
      if (ctx.futureVowel === null || word !== "am" || (stress !== undefined && stress > 0)) return h.gold("am", "");
      return "ɐm";
    case "an":
    case "An":
    case "AN":
      if (word === "AN" && tag.startsWith("NN")) return h.spell(word);
      return "ɐn";
    case "I":
      return tag === "PRP" ? "ˌI" : undefined;
    case "by":
    case "By":
    case "BY":
      return parentTag(tag) === "ADV" ? "bˈI" : undefined;
    case "to":
    case "To":
    case "TO":
      if (word === "TO" && tag !== "TO" && tag !== "IN") return undefined;
      return ctx.futureVowel === null ? h.gold("to", "") : ctx.futureVowel ? "tʊ" : "tə";
    case "in":
    case "In":
    case "IN":
      if (word === "IN" && tag === "NNP") return undefined;
      return (ctx.futureVowel === null || tag !== "IN" ? "ˈ" : "") + "ɪn";
    case "the":
    case "The":
    case "THE":
      if (word === "THE" && tag !== "DT") return undefined;
      return ctx.futureVowel === true ? "ði" : "ðə";
    case "used":
    case "Used":
    case "USED":
      return (tag === "VBD" || tag === "JJ") && ctx.futureTo ? h.gold("used", "VBD") : h.gold("used", "");
  }
  if (tag === "IN" && /^vs\.?$/iu.test(word)) return h.lookup("versus", "", undefined, ctx);
  return undefined;
}
