import { isCapitalized, nextWord, previousWord, type MatchContext, type Rule } from "./rule.js";

/** Abbreviations with one reading. Keys are as written, without the final period. */
const FIXED: Readonly<Record<string, string>> = {
  Mr: "Mister", Mrs: "Missus", Ms: "Miz", Mx: "Mix", Prof: "Professor", Jr: "Junior", Sr: "Senior",
  Gen: "General", Capt: "Captain", Lt: "Lieutenant", Sgt: "Sergeant", Col: "Colonel", Cmdr: "Commander", Adm: "Admiral",
  Rev: "Reverend", Gov: "Governor", Sen: "Senator", Rep: "Representative", Pres: "President", Hon: "Honorable", Fr: "Father",
  Mt: "Mount", Ave: "Avenue", Blvd: "Boulevard", Rd: "Road", Ln: "Lane", Ct: "Court", Pkwy: "Parkway", Esq: "Esquire",
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
  Art: "article", Op: "opus", op: "opus", ext: "extension", Ext: "extension", tel: "telephone", Tel: "telephone",
  Hwy: "Highway", Rte: "Route", Apt: "Apartment", apt: "apartment", Ste: "Suite", Bldg: "Building", Rm: "Room",
};
/** Parts of a building after a street, said in full before their number even without a period: "Apt 4", "Ste 200". */
const UNIT_TYPES: Readonly<Record<string, string>> = { Apt: "Apartment", Ste: "Suite", Bldg: "Building", Rm: "Room" };
/** What follows a street's type, not a saint's name: an apartment, suite, floor or room, or a number ("Main St. Apt 4", "Oak St. #2"). */
const ADDRESS_UNIT_AFTER = /^\s*(?:[#\d]|(?:Apt|Apartment|Suite|Ste|Unit|Fl|Floor|Rm|Room|Bldg|Building)(?![\p{L}]))/u;
/** Street types, said in full after a street's name or number even without a period ("Park Ave", "5th Ave"). */
const STREET_TYPES: Readonly<Record<string, string>> = {
  Ave: "Avenue", Blvd: "Boulevard", Rd: "Road", Ln: "Lane", Ct: "Court", Pkwy: "Parkway", Hwy: "Highway", Sq: "Square",
  Pl: "Place", Ter: "Terrace", Cir: "Circle", St: "Street", Dr: "Drive",
};
/** Compass points: "120 W Elm Rd", "Hwy 1 N", "from the NW". */
const COMPASS: Readonly<Record<string, string>> = {
  N: "north", S: "south", E: "east", W: "west", NE: "northeast", NW: "northwest", SE: "southeast", SW: "southwest",
};
/** Before a year: "c. 1850" circa, "b. 1920" born, "d. 1990" died, "fl. 1400" flourished. */
const BEFORE_YEAR: Readonly<Record<string, string>> = { c: "circa", ca: "circa", b: "born", d: "died", fl: "flourished" };

/** Said in full even without a period (British style: "Mr Smith", "Dr Jones", "St Paul's"). */
const UNDOTTED = new Set(["Mr", "Mrs", "Ms", "Dr", "St", "Mt", "Prof", "vs", "etc"]);

/** "Dr." is a doctor before a name and a drive after one; "St." a saint before a name and a street after one. */
function contextual(word: string, ctx: MatchContext): string | null {
  const next = nextWord(ctx);
  const prev = previousWord(ctx);
  if (word === "Dr") return !isCapitalized(next) && isCapitalized(prev) ? "Drive" : "Doctor";
  if (word === "St") {
    if (/\d|(?:first|second|third|th)$/i.test(prev)) return "Street";
    // Saint is said before a name; before the rest of an address it is the street, even at a sentence start.
    if (ADDRESS_UNIT_AFTER.test(ctx.input.slice(ctx.end))) return "Street";
    // After a name that does not open the sentence it names a street: "Main St. Apt 4" (but "Visit St. Louis").
    if (isCapitalized(prev) && !prev.endsWith(".") && !opensSentence(ctx, prev)) return "Street";
    return isCapitalized(next) ? "Saint" : "Street";
  }
  if (word === "Ft") return isCapitalized(next) ? "Fort" : null;
  return null;
}

/** Whether `prev` (the word before the match) is the first word of the sentence. */
function opensSentence(ctx: MatchContext, prev: string): boolean {
  return /^[\s"'“‘(]*$/u.test(ctx.input.slice(0, Math.max(0, ctx.start - prev.length - 1)));
}

/** A compass letter, said as a direction where the address around it makes it one; null elsewhere ("plan N"). */
function compass(letters: string, ctx: MatchContext): string | null {
  const word = COMPASS[letters];
  if (word === undefined) return null;
  const before = ctx.input.slice(Math.max(0, ctx.start - 24), ctx.start);
  const next = nextWord(ctx);
  // Between a house number and a street name ("120 W Elm Rd"), or before a capitalized street name and its type.
  if (/\d\s$/u.test(before) && isCapitalized(next)) return word[0]!.toUpperCase() + word.slice(1);
  // After a road number: "Hwy 1 N", "I-95 S", "Route 66 W".
  if (/(?:Hwy\.?|Highway|Rte\.?|Route|I-?)\s?\d{1,4}\s$/u.test(before)) return word;
  // Two letters after "the", "from", "to" or a verb of going: "the NW", "from the SE", "head NE"; or before "of":
  // "5 km SE of town". (Elsewhere two letters are more often a state: "Omaha, NE".)
  if (letters.length === 2 && (/\b(?:the|from|to|towards?|due|head(?:s|ed|ing)?|go(?:es|ing)?|went|turn(?:s|ed|ing)?|drive|drove|driving|walk(?:s|ed|ing)?|fly|flew|flying|sail(?:s|ed|ing)?|veer(?:s|ed|ing)?|bear)\s$/iu.test(before) || next === "of")) return word;
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
    // Without a period after a street's name or number: "Park Ave", "5th Ave", "Sunset Blvd" (and Hwy before its number).
    String.raw`(?<=(?:\p{Lu}\p{Ll}+|\d(?:st|nd|rd|th)?)\s)(?<abbrstreet>${Object.keys(STREET_TYPES).join("|")})(?![\p{L}\p{N}.])`,
    String.raw`\b(?<abbrhwy>Hwy|Rte)(?=\s?\d)`,
    String.raw`\b(?<abbrunit>${Object.keys(UNIT_TYPES).join("|")})(?=\s?#?\d)`,
    String.raw`(?<![\p{L}\p{N}.'’-])(?<abbrcompass>[NSEW]|NE|NW|SE|SW)(?![\p{L}\p{N}'’-]|\.\p{L})`,
    String.raw`(?<![\p{L}.])(?<abbryear>c|ca|b|d|fl)\.(?=\s?\d{3,4}(?![\p{L}\p{N}]))`,
  ].join("|"),
  render: (g, ctx) => {
    const street = g["abbrstreet"];
    if (street !== undefined) return street === "St" || street === "Dr" ? contextual(street, ctx) : STREET_TYPES[street]!;
    if (g["abbrhwy"] !== undefined) return STREET_TYPES[g["abbrhwy"]] ?? "Route";
    if (g["abbrunit"] !== undefined) return UNIT_TYPES[g["abbrunit"]]!;
    if (g["abbrcompass"] !== undefined) return compass(g["abbrcompass"], ctx);
    if (g["abbryear"] !== undefined) return BEFORE_YEAR[g["abbryear"]]!;
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
