// Suffix and prefix rules: misaki's -s, -ed and -ing (reference §5.3 step 7), then our own rules for
// -er, -est, -ly, -ness, -ful, -less, -ment, -ish, -able, a few prefixes and two-part compounds,
// each only where the stem is known. The phoneme patterns follow misaki's gold lexicon.
import type { Stress } from "./stress.js";
import { applyStress } from "./stress.js";
import { PRIMARY, US_TAUS } from "./symbols.js";

/** Whether nothing follows (null), a vowel (true) or a consonant (false); and whether "to" follows. */
export interface Context {
  readonly futureVowel: boolean | null;
  readonly futureTo: boolean;
}

export const END_OF_TEXT: Context = { futureVowel: null, futureTo: false };

/** What the rules need from the lexicon. */
export interface Resolver {
  readonly british: boolean;
  isKnown(word: string): boolean;
  lookup(word: string, tag: string, stress: Stress, ctx: Context | null): string | undefined;
}

const last = (s: string, n = 1): string => s.slice(-n);

/** -s / -'s: s after voiceless, ᵻz/ɪz after sibilants, z otherwise. */
export function addS(stem: string, british: boolean): string {
  const end = last(stem);
  if ("ptkfθ".includes(end)) return stem + "s";
  if ("szʃʒʧʤ".includes(end)) return stem + (british ? "ɪz" : "ᵻz");
  return stem + "z";
}

/** -ed: t after voiceless, ᵻd/ɪd after d and t (a US t after a vowel or r flaps: ɾᵻd), d otherwise. */
export function addEd(stem: string, british: boolean): string {
  const end = last(stem);
  if ("pkfθʃsʧ".includes(end)) return stem + "t";
  if (end === "d") return stem + (british ? "ɪd" : "ᵻd");
  if (end !== "t") return stem + "d";
  if (british || stem.length < 2) return stem + "ɪd";
  if (US_TAUS.has(stem.at(-2) ?? "")) return stem.slice(0, -1) + "ɾᵻd";
  return stem + "ᵻd";
}

/** Adds a vowel-initial suffix; a US t after a vowel or r flaps. GB gives up after ə or ː (linking r). */
function addVowelSuffix(stem: string, suffix: string, british: boolean): string | undefined {
  if (british && "əː".includes(last(stem))) return undefined;
  if (!british && stem.length > 1 && last(stem) === "t" && US_TAUS.has(stem.at(-2) ?? "")) {
    return stem.slice(0, -1) + "ɾ" + suffix;
  }
  return stem + suffix;
}

export function addIng(stem: string, british: boolean): string | undefined {
  return addVowelSuffix(stem, "ɪŋ", british);
}

type Rule = (word: string, tag: string, stress: Stress, ctx: Context | null, r: Resolver) => string | undefined;

/** misaki's `stem_s`: books, boxes, babies, John's. */
export const stemS: Rule = (word, tag, stress, ctx, r) => {
  if (word.length < 3 || !word.endsWith("s")) return undefined;
  let stem: string;
  if (!word.endsWith("ss") && r.isKnown(word.slice(0, -1))) stem = word.slice(0, -1);
  else if ((word.endsWith("'s") || (word.length > 4 && word.endsWith("es") && !word.endsWith("ies"))) && r.isKnown(word.slice(0, -2))) stem = word.slice(0, -2);
  else if (word.length > 4 && word.endsWith("ies") && r.isKnown(word.slice(0, -3) + "y")) stem = word.slice(0, -3) + "y";
  else return undefined;
  const ps = r.lookup(stem, tag, stress, ctx);
  return ps ? addS(ps, r.british) : undefined;
};

/** misaki's `stem_ed`: walked, needed, hated. */
export const stemEd: Rule = (word, tag, stress, ctx, r) => {
  if (word.length < 4 || !word.endsWith("d")) return undefined;
  let stem: string;
  if (!word.endsWith("dd") && r.isKnown(word.slice(0, -1))) stem = word.slice(0, -1);
  else if (word.length > 4 && word.endsWith("ed") && !word.endsWith("eed") && r.isKnown(word.slice(0, -2))) stem = word.slice(0, -2);
  else return undefined;
  const ps = r.lookup(stem, tag, stress, ctx);
  return ps ? addEd(ps, r.british) : undefined;
};

const DOUBLED_ING = /([bcdgklmnprstvxz])\1ing$|cking$/u;

/** misaki's `stem_ing`: walking, making, running. */
export const stemIng: Rule = (word, tag, stress, ctx, r) => {
  if (word.length < 5 || !word.endsWith("ing")) return undefined;
  const base = word.slice(0, -3);
  let stem: string;
  if (word.length > 5 && r.isKnown(base)) stem = base;
  else if (r.isKnown(base + "e")) stem = base + "e";
  else if (word.length > 5 && DOUBLED_ING.test(word) && r.isKnown(word.slice(0, -4))) stem = word.slice(0, -4);
  else return undefined;
  const ps = r.lookup(stem, tag, stress, ctx);
  return ps ? addIng(ps, r.british) : undefined;
};

interface Suffix {
  readonly suffix: string;
  /** Phonemes to add; a function when they depend on the dialect or the stem. */
  readonly add: (stem: string, british: boolean) => string | undefined;
  /** Also try a stem ending in -e (bak-er → bake) and a doubled final consonant (runn-er → run). */
  readonly vowelInitial: boolean;
}

const endsWithI = (ps: string): boolean => last(ps) === "i";

const SUFFIXES: readonly Suffix[] = [
  { suffix: "ness", add: (s) => s + "nəs", vowelInitial: false },
  { suffix: "less", add: (s) => s + "ləs", vowelInitial: false },
  { suffix: "ful", add: (s) => s + "fᵊl", vowelInitial: false },
  { suffix: "ment", add: (s) => s + "mᵊnt", vowelInitial: false },
  { suffix: "ly", add: (s) => (s.endsWith("bᵊl") ? s.slice(0, -2) + "li" : s + "li"), vowelInitial: false },
  { suffix: "er", add: (s, gb) => addVowelSuffix(s, gb ? "ə" : "əɹ", gb), vowelInitial: true },
  { suffix: "est", add: (s, gb) => addVowelSuffix(s, gb ? "ɪst" : "ᵻst", gb), vowelInitial: true },
  { suffix: "ish", add: (s, gb) => addVowelSuffix(s, "ɪʃ", gb), vowelInitial: true },
  { suffix: "able", add: (s, gb) => addVowelSuffix(s, "əbᵊl", gb), vowelInitial: true },
  { suffix: "ism", add: (s, gb) => addVowelSuffix(s, "ɪzəm", gb), vowelInitial: true },
  { suffix: "ist", add: (s, gb) => addVowelSuffix(s, "ɪst", gb), vowelInitial: true },
];

/** Derivational suffixes on a known stem (happiness, walker, biggest, quickly, hopeful). */
export const stemDerived: Rule = (word, tag, stress, ctx, r) => {
  if (word.length < 5) return undefined;
  for (const { suffix, add, vowelInitial } of SUFFIXES) {
    if (!word.endsWith(suffix)) continue;
    const base = word.slice(0, -suffix.length);
    if (base.length < 3) continue;
    // happi-ness, happi-er, happi-ly → happy: the stem's final i stays (ə before -ly).
    if (base.endsWith("i") && r.isKnown(base.slice(0, -1) + "y")) {
      const ps = r.lookup(base.slice(0, -1) + "y", tag, stress, ctx);
      if (ps && endsWithI(ps)) return add(suffix === "ly" ? ps.slice(0, -1) + "ə" : ps, r.british);
    }
    const stems = [base];
    if (suffix === "ly" && base.endsWith("l")) stems.push(base + "l"); // full-y
    if (suffix === "ly" && base.endsWith("ical")) stems.push(base.slice(0, -2)); // basic-ally
    if (vowelInitial) {
      stems.push(base + "e");
      if (/([bdgklmnprtvz])\1$/u.test(base)) stems.push(base.slice(0, -1));
    }
    for (const stem of stems) {
      if (!r.isKnown(stem)) continue;
      const ps = r.lookup(stem, tag, stress, ctx);
      if (!ps) continue;
      // full-y, analytical-ly: the stem's l serves the suffix.
      if (suffix === "ly" && base.endsWith("l") && ps.endsWith("l")) return ps + "i";
      if (stem.length < base.length && suffix === "ly") return ps + "ᵊli";
      return add(ps, r.british);
    }
  }
  return undefined;
};

const PREFIXES: ReadonlyArray<readonly [prefix: string, us: string, gb: string]> = [
  ["un", "ˌʌn", "ˌʌn"],
  ["non", "nˌɑn", "nˌɒn"],
  ["dis", "dˌɪs", "dˌɪs"],
  ["mis", "mˌɪs", "mˌɪs"],
  ["over", "ˌOvəɹ", "ˌQvə"],
  ["under", "ˌʌndəɹ", "ˌʌndə"],
  ["out", "ˌWt", "ˌWt"],
  ["re", "ɹi", "ɹi"],
  ["pre", "pɹi", "pɹi"],
];

/** Prefix on a known word of four or more letters (unkind, rewrite, overcook). */
export const stemPrefixed: Rule = (word, tag, _stress, ctx, r) => {
  for (const [prefix, us, gb] of PREFIXES) {
    const stem = word.slice(prefix.length);
    if (!word.startsWith(prefix) || stem.length < 4 || !r.isKnown(stem)) continue;
    const ps = r.lookup(stem, tag, undefined, ctx);
    if (ps?.includes(PRIMARY)) return (r.british ? gb : us) + ps;
  }
  return undefined;
};

/** Longer words are no two-word compounds (the lexicons' longest word has 45 letters); trying every cut is quadratic. */
const MAX_COMPOUND_CHARS = 64;

/** A closed compound of two known words of four or more letters: the second part's stress is demoted. */
export const stemCompound: Rule = (word, tag, _stress, ctx, r) => {
  if (word.length < 8 || word.length > MAX_COMPOUND_CHARS || !/^[a-z]+$/u.test(word)) return undefined;
  for (let cut = word.length - 4; cut >= 4; cut--) {
    const head = word.slice(0, cut);
    const tail = word.slice(cut);
    if (!r.isKnown(head) || !r.isKnown(tail)) continue;
    const first = r.lookup(head, tag, undefined, null);
    const second = r.lookup(tail, tag, undefined, ctx);
    if (!first?.includes(PRIMARY) || !second?.includes(PRIMARY)) continue;
    return first + applyStress(second, -0.5);
  }
  return undefined;
};

