// Per-request switches for the normalizer's classes (like Kokoro-FastAPI's `normalization_options`): each class
// is on by default, and switching one off leaves its text as written for the G2P to read.
import { PRONUNCIATION_MARK } from "./markdown/inline.js";
import { RULES, type Rule } from "./rules/index.js";
import type { Groups } from "./rules/rule.js";
import { phoneRule } from "./rules/phone.js";
import { symbolRule } from "./rules/symbols.js";
import { feetInchesRule, perRule, unitRule } from "./rules/units.js";
import { domainRule, emailRule, fileNameRule, pathRule, urlRule } from "./rules/web.js";

/** The classes a request can switch, by their JSON names. */
export const NORMALIZATION_CLASSES = ["urls", "emails", "units", "phone_numbers", "markdown", "symbols"] as const;
export type NormalizationClass = (typeof NORMALIZATION_CLASSES)[number];

/** Which classes are on; a class left out is on. */
export type NormalizationSwitches = Readonly<Partial<Record<NormalizationClass, boolean>>>;

/** The rules each rule-based class owns (`markdown` is not a rule: it is the Markdown reading of the text). */
const CLASS_RULES: Readonly<Record<Exclude<NormalizationClass, "markdown">, readonly Rule[]>> = {
  urls: [urlRule, domainRule, fileNameRule, pathRule],
  emails: [emailRule],
  units: [unitRule, perRule, feetInchesRule],
  phone_numbers: [phoneRule],
  symbols: [symbolRule],
};

/** One array per combination, so each combination's joined regex is compiled once (normalize-sentence.ts caches by array). */
const rulesByKey = new Map<string, readonly Rule[]>();

/** The rules for `switches`: RULES itself when every class is on. */
export function rulesFor(switches: NormalizationSwitches | undefined): readonly Rule[] {
  const off = (Object.keys(CLASS_RULES) as (keyof typeof CLASS_RULES)[]).filter((c) => switches?.[c] === false);
  if (off.length === 0) return RULES;
  const key = off.join(",");
  let rules = rulesByKey.get(key);
  if (rules === undefined) {
    // A class switched off keeps its place in the alternation but leaves its matches as written: otherwise a
    // later rule would read them (a phone number digit-wise as a code) and the switch would change nothing.
    const asWritten = new Set(off.flatMap((c) => CLASS_RULES[c]));
    rules = RULES.map((r) => (asWritten.has(r) ? { name: r.name, pattern: r.pattern, render: (g: Groups) => g[r.name] ?? null } : r));
    rulesByKey.set(key, rules);
  }
  return rules;
}

/**
 * The address rules in their priority order (RULES): an email is matched too, so that its domain is not taken for one,
 * but only the `urls` class's matches are kept. Inner names dropped: each rule's outer group carries its name.
 */
const ADDRESS_RULES = [urlRule, emailRule, fileNameRule, domainRule, pathRule];
const ADDRESSES = new RegExp(
  `${PRONUNCIATION_MARK}|${ADDRESS_RULES.map((r) => `(?<${r.name}>${r.pattern.replace(/\(\?<([A-Za-z]\w*)>/g, "(")})`).join("|")}`,
  "gu",
);

/**
 * With `urls` off, every URL, domain, file name and path in `text` goes behind the inline-pronunciation mark (as
 * `protectPronunciations` does), so that neither another rule nor the punctuation tidy-up picks it apart (its
 * slashes, dots, `=` and `&`): restorePronunciations puts it back exactly as written, for the G2P to read what it
 * can. `saved` holds the pronunciations behind the marks already in `text`; the result's `saved` holds both, in text
 * order. With `urls` on, `text` and `saved` as they are.
 */
export function keepAddressesAsWritten(text: string, saved: readonly string[], switches: NormalizationSwitches | undefined): { text: string; saved: readonly string[] } {
  if (switches?.urls !== false) return { text, saved };
  const out: string[] = [];
  let k = 0;
  const kept = text.replace(ADDRESSES, (match: string, ...args: unknown[]) => {
    if (match === PRONUNCIATION_MARK) {
      out.push(saved[k++] ?? "");
      return match;
    }
    const groups = args.at(-1) as Partial<Record<string, string>>;
    if (groups[emailRule.name] !== undefined) return match;
    out.push(match);
    return PRONUNCIATION_MARK;
  });
  return { text: kept, saved: out };
}

/** Markdown is read (inline marks stripped, code blocks per the server's codeBlocks) unless switched off. */
export function readsMarkdown(switches: NormalizationSwitches | undefined): boolean {
  return switches?.markdown !== false;
}
