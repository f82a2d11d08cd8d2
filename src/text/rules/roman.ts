import { integerToWords } from "../numbers/cardinal.js";
import { ordinalToWords } from "../numbers/ordinal.js";
import { NAMES_REACHING_TEN, REGNAL_NAMES } from "./regnal-names.js";
import { nextWord, type MatchContext, type Rule } from "./rule.js";

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

/** Whether the match starts its sentence (or a clause after ":" or ";"), where a capital says nothing about a name. */
function startsSentence(ctx: MatchContext): boolean {
  const before = ctx.input.slice(Math.max(0, ctx.start - 40), ctx.start);
  return /[.!?:;]\s+["'“‘([]*$/u.test(before) || (ctx.start <= 40 && /^\s*["'“‘([]*$/u.test(before));
}

// Closed-class words: after a title's numeral they go on the sentence ("Rocky IV was...", "Rocky IV and II").
const CLOSED_CLASS = new Set([
  "is", "was", "are", "were", "be", "been", "has", "had", "have", "will", "would", "can", "could", "may", "might",
  "must", "shall", "should", "does", "did", "do", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for",
  "with", "by", "from", "as", "than", "that", "which", "who", "the", "a", "an", "also", "not", "never", "still",
]);

/**
 * A numeral of two different letters (IV, VI, XI...) is also the shape of an initialism. Right after the sentence's
 * first word (whose capital proves no title) and before a word of content, it is one: "Give IV fluids" says "I V",
 * while "Rocky IV was..." or "Rocky IV." is still a sequel. Numerals of one repeated letter (II, III) are never initialisms.
 */
function initialismAfterFirstWord(numeral: string, ctx: MatchContext): boolean {
  if (numeral.length !== 2 || numeral[0] === numeral[1] || !startsSentence(ctx)) return false;
  const next = nextWord(ctx);
  return /^\p{Ll}/u.test(next) && !CLOSED_CLASS.has(next.toLowerCase());
}

/**
 * Henry VIII → "Henry the Eighth", Louis XIV → "Louis the Fourteenth", King George III, Robert Griffin III: after a
 * ruler's title, or capitalized words one of which is a ruler's given name (regnal-names.ts). After other capitalized
 * words the numeral is a number: "Final Fantasy VII" → "seven" (a lone "X" stays a letter: "Project X"). "I" alone is
 * never a numeral. A lone "X" without a title is "the Tenth" only after a name some ruler bore with ten ("Louis X");
 * after other names it is a letter ("Malcolm X"). See initialismAfterFirstWord for "Give IV fluids".
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
    if (!titled) {
      const names = [...namesBefore(ctx), name];
      if (!names.some((w) => REGNAL_NAMES.has(w))) {
        if (numeral === "X" || initialismAfterFirstWord(numeral, ctx)) return null;
        return `${name} ${integerToWords(String(value))}${g["regnalposs"] ?? ""}`;
      }
      if (numeral === "X" && !names.some((w) => NAMES_REACHING_TEN.has(w))) return null;
    }
    const ordinal = ordinalToWords(value);
    return `${name} the ${ordinal[0]!.toUpperCase()}${ordinal.slice(1)}${g["regnaltposs"] ?? g["regnalposs"] ?? ""}`;
  },
};
