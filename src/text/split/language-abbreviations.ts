// Abbreviations of Spanish, French, Italian and Brazilian Portuguese whose period does not end a sentence
// ("Sr. García", "Mme. Dupont", "Dott. Rossi", "Dra. Souza"), used by the sentence splitter for those languages
// in place of the English list (abbreviations.ts), which would misread words of theirs ("mar." is the sea, not
// March). Only the splitting changes: espeak-ng reads each abbreviation as its own dictionary does (README,
// "Languages"). Words such as "etc." are absent on purpose: before a capital they end a sentence, as in English.
import type { Lang } from "../lang.js";
import { periodIsNotFinal } from "./abbreviations.js";

/** Whether the period after `word` (given without it) cannot end a sentence, `nextWord` being the word after it. */
export type PeriodRule = (word: string, nextWord: string) => boolean;

interface AbbreviationList {
  /** Titles and abbreviations that never end a sentence (compared in lower case; inner periods kept: "sig.ra"). */
  readonly never: readonly string[];
  /** Those that run on only before a number ("pág. 5", "art. 3"). */
  readonly beforeDigit: readonly string[];
}

const LISTS: Readonly<Partial<Record<Lang, AbbreviationList>>> = {
  es: {
    never: ["sr", "sra", "sres", "srta", "dr", "dra", "dres", "ud", "uds", "vd", "vds", "lic", "ing", "arq", "prof", "profa", "dña", "sto", "sta", "gral", "cnel", "av", "avda", "pza", "ej", "p.ej", "aprox", "vs", "cf", "cfr", "ca"],
    beforeDigit: ["p", "pp", "pág", "págs", "núm", "n", "nº", "art", "arts", "cap", "vol", "fig", "tel"],
  },
  "fr-fr": {
    never: ["mme", "mmes", "mlle", "mlles", "dr", "pr", "prof", "mgr", "st", "ste", "av", "apr", "env", "bd", "cf", "p.ex", "vs"],
    beforeDigit: ["p", "pp", "n", "no", "art", "chap", "vol", "fig", "tél", "éd"],
  },
  it: {
    never: ["sig", "sigg", "sig.ra", "sig.na", "dott", "dott.ssa", "prof", "prof.ssa", "ing", "avv", "arch", "geom", "rag", "mons", "egr", "gent", "gent.mo", "gent.ma", "spett", "on", "p.es", "es", "cfr", "vs", "ca"],
    beforeDigit: ["p", "pp", "pag", "n", "nr", "art", "cap", "vol", "fig", "tel"],
  },
  "pt-br": {
    never: ["sr", "sra", "srs", "sras", "srta", "dr", "dra", "drs", "prof", "profa", "eng", "exmo", "exma", "ilmo", "ilma", "pe", "av", "sto", "sta", "p.ex", "aprox", "vs", "cf", "ca"],
    beforeDigit: ["p", "pp", "pág", "págs", "n", "nº", "art", "arts", "cap", "vol", "fig", "tel"],
  },
};

/**
 * What any language shares: a single capital is an initial ("M. Dupont", "J. García"), and a dotted initialism
 * runs on ("la O.N.U. decide").
 */
function isInitial(word: string): boolean {
  return /^\p{Lu}$/u.test(word) || /^(?:\p{Lu}\.)+\p{Lu}$/u.test(word);
}

function ruleFor(list: AbbreviationList): PeriodRule {
  const never = new Set(list.never);
  const beforeDigit = new Set(list.beforeDigit);
  return (word, nextWord) => {
    const key = word.toLowerCase();
    if (never.has(key)) return true;
    if (beforeDigit.has(key)) return /^\p{Nd}/u.test(nextWord);
    return isInitial(word);
  };
}

const RULES: ReadonlyMap<Lang, PeriodRule> = new Map(Object.entries(LISTS).map(([lang, list]) => [lang as Lang, ruleFor(list)]));

/** The period rule of `lang`: its own list for es, fr-fr, it and pt-br; English's for the others (none is needed in hi). */
export function periodRuleFor(lang: Lang): PeriodRule {
  return RULES.get(lang) ?? periodIsNotFinal;
}
