import { digitsToWords, numberToWords, ordinalToWords } from "../../text/numbers/index.js";
import { isEnglish, type Lang } from "../../text/lang.js";

export const SAY_AS_KINDS = ["characters", "spell-out", "cardinal", "ordinal", "digits", "date", "time", "telephone"] as const;
export type SayAsKind = (typeof SAY_AS_KINDS)[number];

export function isSayAsKind(value: string): value is SayAsKind {
  return (SAY_AS_KINDS as readonly string[]).includes(value);
}

/** English letter names, so a spelled-out letter is never read as a word ("a" the article, "I" the pronoun). */
const LETTERS: Readonly<Record<string, string>> = {
  a: "ay", b: "bee", c: "see", d: "dee", e: "ee", f: "eff", g: "gee", h: "aitch", i: "eye", j: "jay", k: "kay", l: "el", m: "em",
  n: "en", o: "oh", p: "pee", q: "cue", r: "ar", s: "ess", t: "tee", u: "you", v: "vee", w: "double you", x: "ex", y: "why", z: "zee",
};

/**
 * The text of a `<say-as>` as words the English normalizer and G2P read the intended way. characters / spell-out:
 * letter names and digit names, one by one; cardinal / ordinal: the number in words (text that is no number is
 * left to the normalizer); digits: each digit; telephone: each digit, a pause at each separator; date and time:
 * the normalizer's own date and time rules read the text as written. Outside English only characters, digits and
 * telephone change anything (the characters are spaced apart); the rest is left to that language's reading.
 */
export function sayAs(kind: SayAsKind, text: string, lang: Lang): string {
  const trimmed = text.trim();
  const english = isEnglish(lang);
  const numberOptions = { lang };
  switch (kind) {
    case "characters":
    case "spell-out":
      return spelled(trimmed, english, lang);
    case "cardinal": {
      const plain = trimmed.replaceAll(",", "");
      return english && /^[-+−]?\d+(?:\.\d+)?$/u.test(plain) ? numberToWords(plain, numberOptions) : trimmed;
    }
    case "ordinal":
      return english && /^\d+(?:st|nd|rd|th)?\.?$/iu.test(trimmed) ? ordinalToWords(trimmed.replace(/\.$/u, ""), numberOptions) : trimmed;
    case "digits":
      return english ? digitWords(trimmed) : [...trimmed].join(" ");
    case "telephone":
      return telephone(trimmed, english);
    case "date":
    case "time":
      return trimmed;
  }
}

function spelled(text: string, english: boolean, lang: Lang): string {
  const out: string[] = [];
  for (const ch of text) {
    if (/\s/u.test(ch)) continue;
    const lower = ch.toLowerCase();
    if (english && /\d/u.test(ch)) out.push(digitsToWords(ch));
    else if (english && LETTERS[lower] !== undefined) out.push(lower === "z" && lang === "en-gb" ? "zed" : LETTERS[lower]!);
    else out.push(ch);
  }
  return out.join(" ");
}

/** Digits one by one; anything else between them is kept (a digit-less text is left as it is). */
function digitWords(text: string): string {
  return text.replace(/\d+/gu, (run) => ` ${digitsToWords(run)} `).replace(/\s+/gu, " ").trim();
}

/** "+1 (555) 010-9999" → "plus one, five five five, zero one zero, nine nine nine nine". */
function telephone(text: string, english: boolean): string {
  const groups = text.split(/[^\d+]+/u).filter((g) => g !== "");
  return groups
    .map((g) => {
      const plus = g.startsWith("+") ? (english ? "plus " : "+ ") : "";
      const digits = g.replaceAll("+", "");
      return plus + (english ? digitsToWords(digits) : [...digits].join(" "));
    })
    .join(", ");
}
