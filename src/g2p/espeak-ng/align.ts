import type { PhonemeToken } from "../types.js";

/**
 * Word tokens for a run of text words read as a whole by espeak-ng, which returns its own words: one per ordinary
 * word, several for a number ("1999" → "mil novecientos noventa y nueve"), and now and then one for two. `counts`
 * says how many espeak words each text word makes on its own (numbers are read alone for it): when they add up to
 * what espeak read in context, each text word gets its own; otherwise both sides are spread evenly over each other
 * (every token still has text and phonemes). Reading the run whole keeps liaison, elision and agreement.
 */
export function alignWords(textWords: readonly string[], ipaWords: readonly string[], counts: readonly number[]): PhonemeToken[] {
  const n = textWords.length;
  const m = ipaWords.length;
  if (n === 0 || m === 0) return [];
  const token = (text: string, phonemes: readonly string[]): PhonemeToken => ({ text, phonemes: phonemes.join(" "), kind: "word", spaceAfter: true });
  if (counts.length === n && counts.every((c) => c > 0) && counts.reduce((a, b) => a + b, 0) === m) {
    let at = 0;
    return textWords.map((text, i) => token(text, ipaWords.slice(at, (at += counts[i]!))));
  }
  const groups = Math.min(n, m);
  const out: PhonemeToken[] = [];
  for (let k = 0; k < groups; k++) {
    const text = textWords.slice(Math.floor((k * n) / groups), Math.floor(((k + 1) * n) / groups)).join(" ");
    out.push(token(text, ipaWords.slice(Math.floor((k * m) / groups), Math.floor(((k + 1) * m) / groups))));
  }
  return out;
}
