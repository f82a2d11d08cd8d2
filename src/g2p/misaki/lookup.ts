// One word to phonemes from the lexicons, in misaki's order (reference §5.3): user entries, special
// cases, case folding, gold then silver with POS resolution, possessives, -s/-ed/-ing, then our
// derivational rules and compounds, then numbers. undefined means "unknown": the caller falls back.
import type { Lexicon } from "./lexicon.js";
import { resolvePos } from "./lexicon.js";
import {
  stemCompound,
  stemDerived,
  stemEd,
  stemIng,
  stemPrefixed,
  stemS,
  addS,
  addEd,
  addIng,
  type Context,
} from "./morphology.js";
import { numberWords } from "./numbers.js";
import { SYMBOL_WORDS, specialCase, type SpecialCaseHelpers } from "./special-cases.js";
import { applyStress, type Stress } from "./stress.js";
import { PRIMARY, SECONDARY, US_TAUS, VOWELS } from "./symbols.js";

/** Word → phonemes given by the user for this language; consulted before everything else. */
export type UserEntries = ReadonlyMap<string, string>;

/**
 * Clitics as said after a vowel and after a consonant: "who'll" /hul/ but "it'll" /ɪɾᵊl/, "how're" /hWəɹ/,
 * "could've" /kʊdəv/ (the forms misaki's gold lexicon gives its listed contractions).
 */
const CLITICS: ReadonlyMap<string, readonly [afterVowel: string, afterConsonant: string]> = new Map([
  ["'ll", ["l", "ᵊl"]],
  ["'ve", ["v", "əv"]],
  ["'re", ["əɹ", "əɹ"]],
  ["'d", ["d", "əd"]],
  ["'m", ["m", "m"]],
  ["n't", ["ᵊnt", "ᵊnt"]],
]);

const LEXICON_WORD = /^[A-Za-z'-]+$/u;
const isUpper = (w: string): boolean => w === w.toUpperCase();
const isLower = (w: string): boolean => w === w.toLowerCase();
const isAlpha = (w: string): boolean => /^\p{L}+$/u.test(w);

/** Curly apostrophes to straight ones, compatibility forms folded, other digits to ASCII. */
export function normalizeWord(word: string): string {
  if (/^[\x20-\x7e]*$/u.test(word)) return word; // plain ASCII: nothing to fold
  return word
    .replace(/[‘’]/gu, "'")
    .normalize("NFKC")
    .replace(/\p{Nd}/gu, (d) => {
      // A decimal digit block is ten consecutive code points; step back to its zero.
      const code = d.codePointAt(0) ?? 0;
      let zero = code;
      while (zero > 0 && /\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero--;
      return String((code - zero) % 10);
    });
}

export class WordLookup implements SpecialCaseHelpers {
  readonly british: boolean;

  constructor(
    private readonly lexicon: Lexicon,
    private readonly user: UserEntries = new Map(),
  ) {
    this.british = lexicon.lang === "en-gb";
  }

  /** misaki's `Lexicon.__call__` for one word (no spaces); `inlineStress` is a `[word](2)` override. */
  word(raw: string, tag: string, ctx: Context, inlineStress?: Stress): string | undefined {
    const word = normalizeWord(raw);
    const stress: Stress = isLower(word) ? undefined : isUpper(word) ? 2 : 0.5;
    const ps = this.getWord(word, tag, stress, ctx) ?? this.number(word);
    return ps === undefined ? undefined : applyStress(ps, inlineStress);
  }

  /** Memo of isKnown for this text: the compound search asks about the same heads and tails many times. */
  private readonly known = new Map<string, boolean>();

  isKnown(word: string): boolean {
    let known = this.known.get(word);
    if (known === undefined) this.known.set(word, (known = this.computeKnown(word)));
    return known;
  }

  private computeKnown(word: string): boolean {
    if (this.lexicon.has(word) || SYMBOL_WORDS.has(word) || this.user.has(word)) return true;
    if (!isAlpha(word) || !LEXICON_WORD.test(word)) return false;
    if (word.length === 1) return true;
    if (isUpper(word) && this.lexicon.gold(word.toLowerCase()) !== undefined) return true;
    const tail = word.slice(1);
    return tail === tail.toUpperCase();
  }

  lookup(word: string, tag: string, stress: Stress, ctx: Context | null): string | undefined {
    const user = this.user.get(word);
    if (user !== undefined) return applyStress(user, stress);
    let isNnp = false;
    if (isUpper(word) && this.lexicon.gold(word) === undefined) {
      word = word.toLowerCase();
      isNnp = tag === "NNP";
    }
    let entry = this.lexicon.gold(word);
    if (entry === undefined && !isNnp) entry = this.lexicon.silver(word);
    const ps: string | null | undefined = typeof entry === "object" ? resolvePos(entry, tag, ctx?.futureVowel === null) : entry;
    if (ps === undefined || ps === null || (isNnp && !ps.includes(PRIMARY))) {
      const spelled = this.spell(word);
      if (spelled !== undefined) return spelled;
      if (ps === null || ps === undefined) return undefined;
    }
    return applyStress(ps, stress);
  }

  spell(word: string): string | undefined {
    let joined = "";
    for (const ch of word) {
      if (!/\p{L}/u.test(ch)) continue;
      const letter = this.lexicon.gold(ch.toUpperCase());
      if (typeof letter !== "string") return undefined;
      joined += letter;
    }
    if (joined === "") return undefined;
    // All letters secondary, then the last one primary.
    const demoted = applyStress(joined, 0);
    const i = demoted.lastIndexOf(SECONDARY);
    return i < 0 ? demoted : demoted.slice(0, i) + PRIMARY + demoted.slice(i + 1);
  }

  gold(word: string, tag: string): string | undefined {
    const entry = this.lexicon.gold(word);
    if (typeof entry === "string") return entry;
    return entry === undefined ? undefined : (resolvePos(entry, tag, false) ?? undefined);
  }

  private userEntry(word: string): string | undefined {
    return this.user.get(word) ?? this.user.get(word.toLowerCase());
  }

  private getWord(word: string, tag: string, stress: Stress, ctx: Context): string | undefined {
    const user = this.userEntry(word);
    if (user !== undefined) return user;
    const special = specialCase(word, tag, stress, ctx, this);
    if (special !== undefined) return special;
    const lower = word.toLowerCase();
    if (
      word.length > 1 &&
      isAlpha(word.replaceAll("'", "")) &&
      word !== lower &&
      (tag !== "NNP" || word.length > 7) &&
      !this.lexicon.has(word) &&
      (isUpper(word) || word.slice(1) === word.slice(1).toLowerCase()) &&
      (this.lexicon.has(lower) || [stemS, stemEd, stemIng].some((rule) => rule(lower, tag, stress, ctx, this) !== undefined))
    ) {
      word = lower;
    }
    if (this.isKnown(word)) return this.lookup(word, tag, stress, ctx);
    if (word.endsWith("s'") && this.isKnown(word.slice(0, -2) + "'s")) return this.lookup(word.slice(0, -2) + "'s", tag, stress, ctx);
    if (word.endsWith("'") && this.isKnown(word.slice(0, -1))) return this.lookup(word.slice(0, -1), tag, stress, ctx);
    return (
      stemS(word, tag, stress, ctx, this) ??
      stemEd(word, tag, stress, ctx, this) ??
      stemIng(word, tag, stress ?? 0.5, ctx, this) ??
      this.derived(word, tag, stress, ctx) ??
      this.accentFolded(word, tag, stress, ctx)
    );
  }

  /** Our rules beyond misaki's, on the lowercase word: derivations, prefixes, compounds, contractions. */
  private derived(word: string, tag: string, stress: Stress, ctx: Context): string | undefined {
    const lower = word.toLowerCase();
    if (!/^[a-z']+$/u.test(lower)) return undefined;
    const ps =
      this.doubledEd(lower, tag, stress, ctx) ??
      stemDerived(lower, tag, stress, ctx, this) ??
      stemPrefixed(lower, tag, stress, ctx, this) ??
      this.contraction(lower, tag, ctx) ??
      stemCompound(lower, tag, stress, ctx, this);
    return ps === undefined ? undefined : applyStress(ps, stress);
  }

  /** blogged, shrugged: misaki's -ed rule does not undo a doubled consonant. */
  private doubledEd(word: string, tag: string, stress: Stress, ctx: Context): string | undefined {
    if (!/([bdgklmnprtvz])\1ed$/u.test(word) || !this.isKnown(word.slice(0, -3))) return undefined;
    const ps = this.lookup(word.slice(0, -3), tag, stress, ctx);
    return ps === undefined ? undefined : addEd(ps, this.british);
  }

  /** name's, they'll, would've: a known word and a known clitic. */
  private contraction(word: string, tag: string, ctx: Context): string | undefined {
    const match = /^([a-z]+)('(?:ll|ve|re|d|m)|n't)$/u.exec(word);
    if (match?.[1] === undefined || match[2] === undefined || !this.isKnown(match[1])) return undefined;
    const stem = this.lookup(match[1], tag, undefined, ctx);
    const clitic = CLITICS.get(match[2]);
    if (stem === undefined || clitic === undefined) return undefined;
    const afterVowel = VOWELS.has(stem.at(-1) ?? "");
    const ending = afterVowel ? clitic[0] : clitic[1];
    // A US t between vowels flaps: "what're" /wʌɾəɹ/, "that'd" /ðæɾəd/.
    const vowelFollows = VOWELS.has(ending[0] ?? "") || ending.startsWith("ᵊ");
    if (!this.british && vowelFollows && stem.endsWith("t") && US_TAUS.has(stem.at(-2) ?? "")) {
      return stem.slice(0, -1) + "ɾ" + ending;
    }
    return stem + ending;
  }

  /** café → cafe, naïve → naive: try the word without its accents. */
  private accentFolded(word: string, tag: string, stress: Stress, ctx: Context): string | undefined {
    if (/^[\x20-\x7e]*$/u.test(word)) return undefined; // plain ASCII has no accents
    const folded = word.normalize("NFD").replace(/\p{M}/gu, "");
    if (folded === word || !LEXICON_WORD.test(folded)) return undefined;
    return this.getWord(folded, tag, stress, ctx);
  }

  /** Digits the normalizer left: cardinal, decimal, ordinal, year, with -s/-ed/-ing re-applied. */
  private number(word: string): string | undefined {
    if (!/\d/u.test(word)) return undefined;
    const suffix = /(?:'s|'d|s|ed|ing)$/u.exec(word)?.[0];
    const body = suffix !== undefined && numberWords(word) === undefined ? word.slice(0, -suffix.length) : word;
    const words = numberWords(body);
    if (words === undefined) return undefined;
    const parts: string[] = [];
    for (const w of words) {
      const ps = this.lookup(w, "", w === "point" ? -2 : undefined, null);
      if (ps === undefined) return undefined;
      parts.push(ps);
    }
    if (body !== word && parts.length > 0) {
      const lastPart = parts.pop() ?? "";
      const lastWord = words.at(-1) ?? "";
      const plural = lastWord.endsWith("y") ? lastPart + "z" : addS(lastPart, this.british);
      const withSuffix = suffix === "ed" || suffix === "'d" ? addEd(lastPart, this.british) : suffix === "ing" ? addIng(lastPart, this.british) : plural;
      parts.push(withSuffix ?? lastPart);
    }
    return parts.join(" ");
  }
}
