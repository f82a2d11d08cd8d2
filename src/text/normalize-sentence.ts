import type { Lang } from "./lang.js";
import { protectPronunciations, restorePronunciations, stripInlineMarkdown } from "./markdown/inline.js";
import { endsOpen, tidyPunctuation } from "./punctuation.js";
import { keepAddressesAsWritten, readsMarkdown, rulesFor, type NormalizationSwitches } from "./normalization-options.js";
import type { Rule } from "./rules/index.js";
import { stripUnspeakable } from "./strip-unspeakable.js";

/**
 * All rules as one alternation, to find the next match and which rule made it. Inner group names are
 * dropped there (a match would otherwise build an object of every rule's groups); the winning rule's
 * own sticky regex then re-reads the match with its names.
 */
interface Combined {
  readonly any: RegExp;
  /** Index of each rule's outer group in `any`'s match array. */
  readonly groupIndex: readonly number[];
  readonly sticky: readonly RegExp[];
}

const compiled = new WeakMap<readonly Rule[], Combined>();
const withoutRule = new WeakMap<readonly Rule[], Map<Rule, readonly Rule[]>>();

// No rule starts at a space or inside a lowercase word: rejecting those positions with one cheap test
// spares the whole alternation at most characters of ordinary text.
const RULE_START = String.raw`(?:(?=[^\s\p{Ll}])|(?<![\p{L}\p{N}_])(?=\p{Ll}))`;

function captureCount(pattern: string): number {
  return new RegExp(`(?:${pattern})|`, "u").exec("")!.length - 1;
}

function combined(rules: readonly Rule[]): Combined {
  let c = compiled.get(rules);
  if (c === undefined) {
    const groupIndex: number[] = [];
    let next = 1;
    const unnamed = rules.map((r) => {
      groupIndex.push(next);
      next += 1 + captureCount(r.pattern);
      return `(${r.pattern.replace(/\(\?<([A-Za-z]\w*)>/g, "(")})`;
    });
    c = {
      any: new RegExp(`${RULE_START}(?:${unnamed.join("|")})`, "gu"),
      groupIndex,
      sticky: rules.map((r) => new RegExp(`(?<${r.name}>${r.pattern})`, "uy")),
    };
    compiled.set(rules, c);
  }
  return c;
}

/** The same (cached) array for the same removal, so its combined regex is compiled once. */
function rulesWithout(rules: readonly Rule[], rule: Rule): readonly Rule[] {
  let byRule = withoutRule.get(rules);
  if (byRule === undefined) withoutRule.set(rules, (byRule = new Map()));
  let rest = byRule.get(rule);
  if (rest === undefined) byRule.set(rule, (rest = rules.filter((r) => r !== rule)));
  return rest;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
// A period eaten by an abbreviation or a time ("etc.", "5 p.m.") that also ended the sentence.
const ONLY_CLOSERS_LEFT = /^["'”’)\]*_\s]*$/u;

/** Rewrites every rule match in `text` as words; a rule that declines leaves its match to the rules after it. */
function applyRules(text: string, lang: Lang, rules: readonly Rule[]): string {
  if (rules.length === 0) return text;
  // Parts joined once at the end: reading the last character of a growing `out +=` string makes V8
  // flatten it on every match, which is quadratic in the number of matches.
  const out: string[] = [];
  let lastChar = "";
  const push = (s: string): void => {
    if (s === "") return;
    out.push(s);
    lastChar = s.at(-1)!;
  };
  let last = 0;
  // exec on the shared regex: matchAll would clone (and recompile) the large alternation on every call.
  const { any, groupIndex, sticky } = combined(rules);
  any.lastIndex = 0;
  for (let m = any.exec(text); m !== null; m = any.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (end === start) {
      any.lastIndex++;
      continue;
    }
    const k = groupIndex.findIndex((i) => m[i] !== undefined);
    const rule = rules[k];
    const own = sticky[k];
    if (rule === undefined || own === undefined) continue;
    own.lastIndex = start;
    const groups = own.exec(text)?.groups ?? {};
    let said: string | null;
    try {
      said = rule.render(groups, { lang, input: text, start, end });
    } catch {
      said = null;
    }
    if (said === null) said = applyRules(m[0], lang, rulesWithout(rules, rule));
    else if (m[0].endsWith(".") && !said.endsWith(".") && ONLY_CLOSERS_LEFT.test(text.slice(end))) said += ".";
    push(text.slice(last, start));
    if (WORD_CHAR.test(lastChar) && WORD_CHAR.test(said[0] ?? "")) push(" ");
    push(said);
    if (WORD_CHAR.test(text[end] ?? "") && WORD_CHAR.test(said.at(-1) ?? "")) push(" ");
    last = end;
  }
  push(text.slice(last));
  return out.join("");
}

/** A sentence as read, and whether it ends on a word with no closing mark of its own (see endsOpen). */
export interface SentenceReading {
  readonly text: string;
  readonly open: boolean;
}

/**
 * One sentence as a careful reader says it, with the classes `switches` leaves on; no closing mark is added (as
 * misaki adds none): the caller closes it where another sentence follows. Inline pronunciations come back untouched.
 */
export function readEnglishSentence(source: string, lang: Lang, switches?: NormalizationSwitches): SentenceReading {
  try {
    const pronunciations = protectPronunciations(source);
    const markdownRead = readsMarkdown(switches) ? stripInlineMarkdown(pronunciations.text) : pronunciations.text;
    // After the Markdown (a link's target is not read), before the rules and the tidy-up (they would pick it apart).
    const { text: plain, saved } = keepAddressesAsWritten(stripUnspeakable(markdownRead).replace(/[\r\n\t]+/g, " "), pronunciations.saved, switches);
    // Open or not is judged before the pronunciations come back: one at the end is a word, not a ")".
    const tidy = tidyPunctuation(applyRules(plain, lang, rulesFor(switches)), false);
    return { text: restorePronunciations(tidy, saved), open: endsOpen(tidy) };
  } catch {
    // A bug in a rule must not lose the sentence: say it as written.
    const text = tidyPunctuation(stripUnspeakable(source.replace(/[\uE000-\uF8FF]/g, " ")), false);
    return { text, open: endsOpen(text) };
  }
}

/** One sentence as a careful reader says it (readEnglishSentence), without a closing mark added. */
export function normalizeSentence(source: string, lang: Lang, switches?: NormalizationSwitches): string {
  return readEnglishSentence(source, lang, switches).text;
}
