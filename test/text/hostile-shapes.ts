// Input shapes that make naive front-ends slow (backtracking regexes, exhaustive compound search,
// string rebuilding). Each generator returns text of exactly `n` UTF-16 units, built from a repeated
// unit, so doubling `n` doubles the work a linear step has to do.
import fc from "fast-check";

export type Shape = (n: number) => string;

/** `unit` repeated and cut to n characters. */
const repeat = (unit: string): Shape => (n) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

/** 1<sep>2<sep>3... cut to n characters. */
const counting = (sep: string): Shape => (n) => {
  let out = "";
  for (let i = 1; out.length < n; i++) out += `${i}${sep}`;
  return out.slice(0, n);
};

/** Random code points (surrogates, controls, private use included) from a fixed seed. */
const randomBytes: Shape = (n) => {
  const [text] = fc.sample(fc.string({ unit: "binary", minLength: n, maxLength: n }), { seed: n, numRuns: 1 });
  return (text ?? "").slice(0, n).padEnd(n, "x");
};

/** Random letters without spaces: one long "word" the lexicon has never seen. */
const randomLetters: Shape = (n) => {
  let seed = 42;
  let out = "";
  while (out.length < n) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    out += String.fromCharCode(97 + (seed % 26));
  }
  return out;
};

/** Ordinary prose, for comparison: sentences, numbers, an abbreviation, a URL, a little Markdown. */
export const PROSE =
  "Kokoro is a small text-to-speech model. On Jan. 5, 2024 it read 1,234 words in 3.5 seconds, i.e. about 350 words a second! " +
  "Dr. Smith's notes (see https://example.com/notes) say the *first* call is the one that matters; the rest are **streamed**.\n\n";

/** Numbers, dates, money and units in one long line with no sentence end: every few characters a rule fires. */
export const DATA_LINE = "on 2024-01-05 at 12:34 we paid $3.50 for 5 km, i.e. 70% of 1,000 units; ";

/** Random camelCase letters: the compound search's worst case. */
const randomCamel: Shape = (n) => {
  let seed = 7;
  let out = "";
  while (out.length < n) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const ch = String.fromCharCode(97 + (seed % 26));
    out += (seed >> 8) % 3 === 0 ? ch.toUpperCase() : ch;
  }
  return out;
};

export const HOSTILE_SHAPES: Readonly<Record<string, Shape>> = {
  "ordinary prose": repeat(PROSE),
  "numbers and units in one line": repeat(DATA_LINE),
  "hyphenated a-a-a-…": repeat("a-"),
  "hyphenated words well-known-…": repeat("well-known-"),
  "camelCase AbAbAb…": repeat("Ab"),
  "camelCase words fooBarBaz…": repeat("fooBar"),
  "random camelCase": randomCamel,
  "camelCase words of 64 letters": repeat(`${"Ab".repeat(32)} `),
  "adverb run very very …": repeat("very "),
  "digit-dash run 1-2-3-…": counting("-"),
  "digit-dot run 1.2.3.…": counting("."),
  "digit-slash run 1/2/3/…": counting("/"),
  "comma-number run 1,2,3,…": counting(","),
  "thousands run 1,000,000,…": (n) => `1${repeat(",000")(n - 1)}`,
  "10k digits": repeat("1234567890"),
  "repeated abbreviations e.g. e.g.": repeat("e.g. "),
  "repeated titles Dr. Dr. St.": repeat("Dr. St. No. "),
  "initials J. R. R.": repeat("J. R. "),
  "Markdown quotes >>>>>": (n) => `${">".repeat(n - 5)} text`,
  "Markdown quote lines": repeat(">>>>>>> quoted text\n"),
  "Markdown nested lists": repeat("- - - - - item\n"),
  "Markdown emphasis *****": (n) => `${"*".repeat(n - 6)} text.`,
  "Markdown emphasis pairs *a* _b_": repeat("*a* _b_ **c** "),
  "Markdown links and tags [a](b) <b>": repeat("[a](http://x.io) <b>&amp;</b> [^1] `c` "),
  "Markdown fences and headings": repeat("```\ncode\n```\n# Title #\n| a | b |\n|---|---|\n1. item\n"),
  "open parentheses ((((": (n) => `${"(".repeat(n - 5)} text`,
  "brackets [[[[": (n) => `${"[".repeat(n - 5)} text`,
  "backticks ````": repeat("`"),
  "long URL": (n) => `https://example.com/${repeat("a/")(n - 20)}`,
  "URLs in a row": repeat("see https://example.com/a/b?c=d&e=f now "),
  "domain dots a.a.a.": repeat("a."),
  "email-like a@a.a@": repeat("a@b."),
  "path /a/b/c": repeat("/ab"),
  "mixed scripts": repeat("Hello Привет 你好 😀 مرحبا "),
  "mixed scripts without spaces": repeat("abcПриветxyz你好😀"),
  "long word without spaces": repeat("supercalifragilistic"),
  "random letters": randomLetters,
  "Roman numerals IIIII": repeat("I"),
  "capitals ABCABC": repeat("ABC"),
  "apostrophes a'a'a'": repeat("a'"),
  "ellipses . . .": repeat(". "),
  "money $1$2$3": repeat("$1"),
  "closing brackets ))))x": (n) => `${")".repeat(n - 1)}x`,
  "heading with a long space run": (n) => `# a${" ".repeat(n - 4)}b`,
  "table row with a long space run": (n) => `| a${" ".repeat(n - 4)}b`,
  "spaces and tabs": repeat(" \t a"),
  "indented paragraphs": repeat("    word\n\n"),
  "random bytes (fast-check)": randomBytes,
  // The round-2 rules (issue 15): codes, slashes, dotted abbreviations, times, lists, compass letters.
  "code cue then a digit run": (n) => `code ${"7".repeat(n - 5)}`,
  "cue words code code 1": repeat("PIN code room 12 "),
  "hyphenated digit groups 12-345-…": repeat("12-345-"),
  "rates $1/hr/hr/…": repeat("$1/hr/"),
  "units per units m/s/m/s…": repeat("5 m/s/"),
  "many slashes a/b/c": repeat("a/"),
  "dotted abbreviations U.S. U.K.": repeat("U.S. U.K. "),
  "abbreviation then opener U.S. Then": repeat("the U.S. Then "),
  "time ranges 9am-5pm-": repeat("9am-5pm-"),
  "clock runs 1:05:09:": repeat("1:05:09:"),
  "inline list 1. a 2. b": counting(". a "),
  "compass letters N S E W": repeat("12 N Main St "),
  "month names oct 9 OCT": repeat("oct 9 OCT 9-Oct-2024 "),
  "roman numerals after titles": repeat("King George III Queen Anne I "),
};
