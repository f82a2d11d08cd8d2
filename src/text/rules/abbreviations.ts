import { isCapitalized, nextWord, previousWord, type MatchContext, type Rule } from "./rule.js";

/** Abbreviations with one reading. Keys are as written, without the final period. */
const FIXED: Readonly<Record<string, string>> = {
  Mr: "Mister", Mrs: "Missus", Ms: "Miz", Mx: "Mix", Prof: "Professor", Jr: "Junior", Sr: "Senior",
  Gen: "General", Capt: "Captain", Lt: "Lieutenant", Sgt: "Sergeant", Col: "Colonel", Cmdr: "Commander", Adm: "Admiral",
  Rev: "Reverend", Gov: "Governor", Sen: "Senator", Rep: "Representative", Pres: "President", Hon: "Honorable", Fr: "Father",
  Mt: "Mount", Ave: "Avenue", Blvd: "Boulevard", Rd: "Road", Hwy: "Highway", Ln: "Lane",
  Inc: "Incorporated", Ltd: "Limited", Corp: "Corporation", Co: "Company", Dept: "Department", dept: "department",
  etc: "et cetera", vs: "versus", Vs: "versus", approx: "approximately", Approx: "approximately", ca: "circa", cf: "compare",
  "e.g": "for example", "E.g": "for example", "i.e": "that is", "I.e": "that is", "a.k.a": "also known as", "A.K.A": "also known as",
  "et al": "et al", Jan: "January", Feb: "February", Mar: "March", Apr: "April", Jun: "June", Jul: "July", Aug: "August",
  Sep: "September", Sept: "September", Oct: "October", Nov: "November", Dec: "December",
};
/** Read so only before a number: "No. 5", "p. 12", "pp. 3–5", "Fig. 2". */
const BEFORE_NUMBER: Readonly<Record<string, string>> = {
  No: "number", no: "number", Nos: "numbers", nos: "numbers", p: "page", pp: "pages", P: "page", Fig: "figure", fig: "figure",
  Vol: "volume", vol: "volume", Ch: "chapter", ch: "chapter", Chap: "chapter", Sec: "section", sec: "section", Eq: "equation",
  Art: "article", Op: "opus", op: "opus",
};
/** Said in full even without a period (British style: "Mr Smith", "Dr Jones", "St Paul's"). */
const UNDOTTED = new Set(["Mr", "Mrs", "Ms", "Dr", "St", "Mt", "Prof", "vs", "etc"]);

/** "Dr." is a doctor before a name and a drive after one; "St." a saint before a name and a street after one. */
function contextual(word: string, ctx: MatchContext): string | null {
  const next = nextWord(ctx);
  const prev = previousWord(ctx);
  if (word === "Dr") return !isCapitalized(next) && isCapitalized(prev) ? "Drive" : "Doctor";
  if (word === "St") {
    if (/\d|(?:first|second|third|th)$/i.test(prev)) return "Street";
    return isCapitalized(next) ? "Saint" : "Street";
  }
  if (word === "Ft") return isCapitalized(next) ? "Fort" : null;
  return null;
}

const DOTTED_WORDS = [...Object.keys(FIXED), ...Object.keys(BEFORE_NUMBER), "Dr", "St", "Ft"]
  .filter((w) => /^[A-Za-z]+$/.test(w))
  .sort((a, b) => b.length - a.length)
  .join("|");

export const abbreviationRule: Rule = {
  name: "abbr",
  pattern: [
    String.raw`(?<![\p{L}.])(?<abbrd>e\.g|E\.g|i\.e|I\.e|a\.k\.a|A\.K\.A|et al)\.`,
    String.raw`(?<![\p{L}.])(?<abbrw>${DOTTED_WORDS})\.(?=\s|$|[,;:!?)"”])`,
    String.raw`\b(?<abbru>Mr|Mrs|Ms|Dr|St|Mt|Prof)(?=\s+\p{Lu})`,
    String.raw`\b(?<abbrv>vs|etc|aka)\b`,
  ].join("|"),
  render: (g, ctx) => {
    const word = g["abbrd"] ?? g["abbrw"] ?? g["abbru"] ?? g["abbrv"]!;
    if (g["abbrv"] !== undefined) return word === "aka" ? "also known as" : FIXED[word] ?? null;
    if (g["abbru"] !== undefined && !UNDOTTED.has(word)) return null;
    const fixed = FIXED[word] ?? contextual(word, ctx);
    if (fixed !== null) return fixed;
    const beforeNumber = BEFORE_NUMBER[word];
    if (beforeNumber !== undefined && /^\s*[\d(]/u.test(ctx.input.slice(ctx.end))) return beforeNumber;
    return null;
  },
};
