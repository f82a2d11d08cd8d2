// Words made of several parts ("well-known", "COVID-19", "camelCase", "example.com"): split into
// subtokens, look up the longest known spans right to left as misaki's `retokenize` and merge loop
// do, then join the parts and demote the stress of the weaker ones (misaki's `resolve_tokens`).
import type { Context } from "./morphology.js";
import { applyStress } from "./stress.js";
import { PRIMARY, stressWeight } from "./symbols.js";

/** Leading quotes; camelCase humps; numbers; hyphen runs; letters with inner apostrophes; any other char. */
const SUBTOKEN = /^['‘’]+|\p{Lu}(?=\p{Lu}\p{Ll})|(?:^-)?(?:\d?[,.]?\d)+|[-_]+|['‘’]{2,}|\p{L}*?(?:['‘’]\p{L})*?\p{Ll}(?=\p{Lu})|[\p{L}\p{M}]+(?:['‘’][\p{L}\p{M}]+)*|[^-_\p{L}'‘’\d]|['‘’]+$/gu;

/**
 * The compound search only looks at spans of at most this many parts and characters: the lexicons'
 * longest multi-part entry has 13 parts ("what-you-see-is-what-you-get") and their longest word 45
 * letters, so no known span is missed, and a word of n parts costs O(n) lookups instead of O(n³).
 */
export const MAX_SPAN_PARTS = 16;
export const MAX_SPAN_CHARS = 64;
/**
 * A word longer than this (a run of "a-a-a-…", "AbAbAb…", a string of digits and letters) is no word
 * a reader knows: it is read part by part, split at hyphens, case changes and digits, and a part
 * nobody knows is spelled, or cut into pieces of this length for the fallback.
 */
export const MAX_WORD_CHARS = 64;

/** Parts that are silent when they join others. */
const JUNK = new Set(["'", ",", "-", "_", "‘", "’"]);
/** Joiners read aloud between two parts (misaki reads these in URLs). */
const SPOKEN_JOINERS: ReadonlyMap<string, string> = new Map([
  [".", "dot"],
  ["/", "slash"],
  ["@", "at"],
]);

export function subtokens(word: string): string[] {
  // Most words are plain letters without a lower-to-upper hump: one part, no regex scan.
  if (/^[A-Za-z]+$/u.test(word) && !/[a-z][A-Z]/u.test(word)) return [word];
  return word.match(SUBTOKEN) ?? [word];
}

const isJunk = (part: string): boolean => [...part].every((c) => JUNK.has(c));

/** Looks up a span of subtokens (joined without spaces); undefined when unknown. */
export type SpanLookup = (text: string, ctx: Context) => string | undefined;
export type NextContext = (ctx: Context, phonemes: string, text: string) => Context;

export interface ResolveOptions {
  /** What to say for a part no span covers; without it such a part makes the whole word unknown. */
  readonly unknown?: (part: string, ctx: Context) => string;
  /** Join the parts' phonemes with spaces and leave their stress alone (for very long words). */
  readonly spaced?: boolean;
  /** The most parts a span may have (default MAX_SPAN_PARTS). */
  readonly maxParts?: number;
}

/**
 * Phonemes of a multi-part word, or undefined when some part is unknown (the whole word then goes to
 * the fallback, as in misaki) unless `options.unknown` says it. Right to left, each step takes the
 * longest known span ending at the current part, within `maxParts` parts and MAX_SPAN_CHARS characters.
 */
export function resolveParts(parts: readonly string[], ctx: Context, lookup: SpanLookup, next: NextContext, options: ResolveOptions = {}): string | undefined {
  const { unknown, spaced = false, maxParts = MAX_SPAN_PARTS } = options;
  const phonemes: string[] = parts.map(() => "");
  // offsets[k]: characters before part k, so a span's length is known without joining it.
  const offsets = [0];
  for (const part of parts) offsets.push(offsets.at(-1)! + part.length);
  let right = parts.length;
  while (right > 0) {
    let left = Math.max(0, right - maxParts);
    while (left < right - 1 && offsets[right]! - offsets[left]! > MAX_SPAN_CHARS) left++;
    let found = false;
    for (; left < right; left++) {
      const span = parts.slice(left, right).join("");
      const spoken = right - left === 1 && SPOKEN_JOINERS.has(span) && left > 0 && right < parts.length;
      // A span after a hyphen is no negative number ("COVID-19").
      const ps = spoken ? lookup(SPOKEN_JOINERS.get(span) ?? "", ctx) : /^[-_]./u.test(span) ? undefined : lookup(span, ctx);
      if (ps === undefined) continue;
      phonemes[left] = ps;
      ctx = next(ctx, ps, span);
      right = left;
      found = true;
      break;
    }
    if (found) continue;
    right--;
    const part = parts[right] ?? "";
    if (isJunk(part)) continue;
    if (unknown === undefined) return undefined;
    const ps = unknown(part, ctx);
    phonemes[right] = ps;
    if (ps !== "") ctx = next(ctx, ps, part);
  }
  return spaced ? phonemes.filter((p) => p !== "").join(" ") : joinParts(parts, phonemes);
}

function joinParts(parts: readonly string[], phonemes: readonly string[]): string {
  const text = parts.join("");
  const kinds = new Set<number>();
  for (const ch of text) if (!JUNK.has(ch) && ch !== ".") kinds.add(/\p{L}/u.test(ch) ? 1 : 2);
  const spaced = /[\s/@]/u.test(text) || kinds.size > 1 || parts.some((p) => p === ".");
  if (spaced) return phonemes.filter((p) => p !== "").join(" ");
  const out = [...phonemes];
  const scored = out.flatMap((ps, i) => (ps === "" ? [] : [{ primary: ps.includes(PRIMARY), weight: stressWeight(ps), i }]));
  const first = scored[0];
  const second = scored[1];
  if (scored.length === 2 && first !== undefined && second !== undefined && (parts[first.i] ?? "").length === 1) {
    // "A-frame", "X-ray": the letter keeps the stress.
    out[second.i] = applyStress(out[second.i] ?? "", -0.5);
  } else if (scored.length >= 2 && scored.filter((s) => s.primary).length > Math.floor((scored.length + 1) / 2)) {
    // Demote the weaker half: unstressed first, then lighter, then earlier.
    const order = [...scored].sort((a, b) => Number(a.primary) - Number(b.primary) || a.weight - b.weight || a.i - b.i);
    for (const { i } of order.slice(0, Math.floor(scored.length / 2))) out[i] = applyStress(out[i] ?? "", -0.5);
  }
  return out.join("");
}
