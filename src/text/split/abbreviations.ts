/**
 * Words whose final period is not a sentence end. "never": titles and Latin abbreviations always
 * run on ("Dr. Smith", "e.g. apples"); "before-digit": only when a number follows ("No. 5", "p. 12").
 * Words such as "etc.", "Inc." and "a.m." are absent on purpose: before a capital they do end a sentence.
 */
const NON_FINAL: ReadonlyMap<string, "never" | "before-digit"> = new Map([
  ...["mr", "mrs", "ms", "mx", "dr", "prof", "st", "mt", "ft", "gen", "capt", "lt", "sgt", "col", "cmdr", "adm",
    "rev", "gov", "sen", "rep", "pres", "hon", "fr", "vs", "v", "e.g", "i.e", "cf", "ca", "c", "approx", "a.k.a",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"].map((w) => [w, "never"] as const),
  ...["no", "nos", "p", "pp", "fig", "figs", "vol", "ch", "chap", "sec", "art", "eq", "op", "para"].map((w) => [w, "before-digit"] as const),
]);

/**
 * Whether the period ending `word` (given without that period) cannot end a sentence, where `next`
 * is the first character after the following space.
 */
export function periodIsNotFinal(word: string, next: string): boolean {
  const kind = NON_FINAL.get(word.toLowerCase());
  if (kind === "never") return true;
  if (kind === "before-digit") return next >= "0" && next <= "9";
  // Initials and dotted initialisms: "J. R. R. Tolkien", "U.S. Army" (but "5 p.m. Then" ends).
  return /^\p{Lu}$/u.test(word) || /^(?:\p{Lu}\.)+\p{Lu}$/u.test(word);
}
