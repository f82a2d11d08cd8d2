import { integerToWords } from "../numbers/cardinal.js";
import { ordinalToWords } from "../numbers/ordinal.js";
import { REGNAL_NAMES } from "./regnal-names.js";
import type { MatchContext, Rule } from "./rule.js";

const VALUES: Readonly<Record<string, number>> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };

/** The value of a canonical Roman numeral ("XIV" → 14), or null ("IIII", "VX", "" are not numerals). */
export function romanValue(s: string): number | null {
  if (!/^M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/.test(s) || s === "") return null;
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = VALUES[s[i]!]!;
    const next = VALUES[s[i + 1] ?? ""] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

const CONTEXT = "Chapter|Chapters|Part|Parts|Book|Volume|Vol\\.|Act|Scene|Section|Appendix|Article|Phase|Stage|Level|Round|Season|Episode|Psalm|Canto|Title|Type|Class|Category|Grade|Tier|Stage|World War|Super Bowl|Vatican|Apollo|Gemini|Mark|Mk\\.?|Schedule|Division|League|Amendment|Form|Unit|Series|Generation|Gen\\.?|Corps|Army|Fleet|Legion|Dynasty|Symphony|Op\\.?|Plate|Figure|Table|Step|Lesson|Module|Problem|Exercise|Question";
/** A possessive after the numeral: "World War II's", "George III's". */
const POSSESSIVE = String.raw`(?<POSS>['’]s)?(?![\p{L}\p{N}])`;
/** Titles before a ruler's name: after them even "I" is a numeral ("Queen Elizabeth I"). */
const TITLES = "King|Queen|Pope|Emperor|Empress|Tsar|Czar|Tsarina|Kaiser|Prince|Princess|Duke|Duchess|Sultan|Pharaoh|Shah|Saint|St\\.";

/** Chapter IV → "Chapter four", World War II → "World War two". */
export const romanContextRule: Rule = {
  name: "roman",
  pattern: String.raw`\b(?<romanctx>${CONTEXT})\s+(?<romann>[IVXLCDM]+)${POSSESSIVE.replace("POSS", "romanposs")}`,
  render: (g) => {
    const value = romanValue(g["romann"]!);
    if (value === null) return null;
    return `${g["romanctx"]!} ${integerToWords(String(value))}${g["romanposs"] ?? ""}`;
  },
};

// Capitalized words that are not names, so "Is IV..." or "The III..." are not regnal.
const NOT_NAMES = new Set(["The", "A", "An", "In", "On", "At", "Of", "And", "Or", "But", "Is", "Was", "Are", "See", "Part", "Chapter", "Act", "Book", "Scene", "Vol", "Volume", "Type", "Class", "Level", "Phase", "Stage", "Section", "Episode", "Season", "Round"]);

/** Up to two capitalized words right before `ctx.start`: the rest of a name ("Robert" of "Robert Griffin III"). */
function namesBefore(ctx: MatchContext): string[] {
  const m = /((?:\p{Lu}\p{Ll}+\s+){0,2})$/u.exec(ctx.input.slice(Math.max(0, ctx.start - 60), ctx.start));
  return (m?.[1] ?? "").split(/\s+/u).filter((w) => w !== "");
}

/**
 * Henry VIII → "Henry the Eighth", Louis XIV → "Louis the Fourteenth", King George III, Robert Griffin III: after a
 * ruler's title, or capitalized words one of which is a ruler's given name (regnal-names.ts). After other capitalized
 * words the numeral is a number: "Final Fantasy VII" → "seven" (a lone "X" stays a letter: "Project X"). "I" alone is
 * never a numeral.
 */
export const regnalRule: Rule = {
  name: "regnal",
  pattern:
    String.raw`\b(?<regnaltitle>${TITLES})\s+(?<regnaltname>\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)?)\s+(?<regnaltn>[IVXLC]{1,7})${POSSESSIVE.replace("POSS", "regnaltposs")}(?!\.\p{L})` +
    String.raw`|(?<![\p{L}])(?<regnalname>\p{Lu}\p{Ll}+)\s+(?<regnaln>[IVX]{2,6}|V|X)${POSSESSIVE.replace("POSS", "regnalposs")}(?!\.\p{L})`,
  render: (g, ctx) => {
    const titled = g["regnaltn"] !== undefined;
    const name = titled ? `${g["regnaltitle"]!} ${g["regnaltname"]!}` : g["regnalname"]!;
    const numeral = titled ? g["regnaltn"]! : g["regnaln"]!;
    const value = romanValue(numeral);
    if (value === null || (!titled && NOT_NAMES.has(name))) return null;
    if (!titled && ![...namesBefore(ctx), name].some((w) => REGNAL_NAMES.has(w))) {
      return numeral === "X" ? null : `${name} ${integerToWords(String(value))}${g["regnalposs"] ?? ""}`;
    }
    const ordinal = ordinalToWords(value);
    return `${name} the ${ordinal[0]!.toUpperCase()}${ordinal.slice(1)}${g["regnaltposs"] ?? g["regnalposs"] ?? ""}`;
  },
};
