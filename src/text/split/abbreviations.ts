/**
 * Words whose final period is not a sentence end. "never": titles and Latin abbreviations always
 * run on ("Dr. Smith", "e.g. apples"); "before-digit": only when a number follows ("No. 5", "p. 12").
 * Words such as "etc.", "Inc." and "a.m." are absent on purpose: before a capital they do end a sentence.
 */
const NON_FINAL: ReadonlyMap<string, "never" | "before-digit"> = new Map([
  ...["mr", "mrs", "ms", "mx", "dr", "prof", "st", "mt", "ft", "gen", "capt", "lt", "sgt", "col", "cmdr", "adm",
    "rev", "gov", "sen", "rep", "pres", "hon", "fr", "vs", "v", "e.g", "i.e", "cf", "ca", "c", "approx", "a.k.a",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"].map((w) => [w, "never"] as const),
  ...["no", "nos", "p", "pp", "fig", "figs", "vol", "ch", "chap", "sec", "art", "eq", "op", "para", "ext", "tel", "hwy", "rte", "apt", "ste", "bldg", "rm"].map((w) => [w, "before-digit"] as const),
]);

/**
 * Capitalized words that open sentences far more often than they continue a name: after "U.S." or
 * "Inc." they start the next sentence ("… in the U.S. Then …"), whereas "U.S. Army" runs on.
 */
const SENTENCE_OPENERS = new Set([
  "the", "a", "an", "this", "that", "these", "those", "there", "then", "but", "and", "so", "yet", "or", "he", "she", "it",
  "we", "they", "i", "you", "his", "her", "its", "our", "their", "my", "your", "in", "on", "at", "after", "before", "when",
  "while", "if", "as", "what", "who", "why", "how", "where", "now", "today", "however", "meanwhile", "later", "also",
  "still", "since", "some", "many", "most", "all", "each", "every", "no", "not", "one", "both", "is", "was", "are", "were",
  "do", "does", "did", "can", "will", "would", "should", "could", "let", "please", "here", "thus", "yes",
]);
/** A time zone after "a.m."/"p.m." belongs to the time: "3:30 p.m. EST." */
const TIME_ZONE = /^(?:[A-Z]{1,4}T|UTC|GMT|Z)$/;

/**
 * Whether the period ending `word` (given without that period) cannot end a sentence, where `nextWord`
 * is the word after the following space (with its case; "" at the end).
 */
export function periodIsNotFinal(word: string, nextWord: string): boolean {
  const next = nextWord.charAt(0);
  const kind = NON_FINAL.get(word.toLowerCase());
  if (kind === "never") return true;
  if (kind === "before-digit") return next >= "0" && next <= "9";
  if (/^[ap]\.m$/iu.test(word)) return TIME_ZONE.test(nextWord);
  // Initials and dotted initialisms: "J. R. R. Tolkien", "U.S. Army" (but "5 p.m. Then" and "the U.S. Then" end).
  if (/^(?:\p{Lu}\.)+\p{Lu}$/u.test(word)) return !SENTENCE_OPENERS.has(nextWord.toLowerCase());
  return /^\p{Lu}$/u.test(word);
}
