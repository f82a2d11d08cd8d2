// Words made of several parts ("well-known", "COVID-19", "camelCase", "example.com"): split into
// subtokens, look up the longest known spans right to left as misaki's `retokenize` and merge loop
// do, then join the parts and demote the stress of the weaker ones (misaki's `resolve_tokens`).
import type { Context } from "./morphology.js";
import { applyStress } from "./stress.js";
import { PRIMARY, stressWeight } from "./symbols.js";

/** Leading quotes; camelCase humps; numbers; hyphen runs; letters with inner apostrophes; any other char. */
const SUBTOKEN = /^['‘’]+|\p{Lu}(?=\p{Lu}\p{Ll})|(?:^-)?(?:\d?[,.]?\d)+|[-_]+|['‘’]{2,}|\p{L}*?(?:['‘’]\p{L})*?\p{Ll}(?=\p{Lu})|[\p{L}\p{M}]+(?:['‘’][\p{L}\p{M}]+)*|[^-_\p{L}'‘’\d]|['‘’]+$/gu;

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

/**
 * Phonemes of a multi-part word, or undefined when some part is unknown (the whole word then goes to
 * the fallback, as in misaki).
 */
export function resolveParts(parts: readonly string[], ctx: Context, lookup: SpanLookup, next: NextContext): string | undefined {
  const phonemes: Array<string | undefined> = parts.map(() => undefined);
  let left = 0;
  let right = parts.length;
  while (left < right) {
    const span = parts.slice(left, right).join("");
    const spoken = right - left === 1 && SPOKEN_JOINERS.has(span) && left > 0 && right < parts.length;
    // A span after a hyphen is no negative number ("COVID-19").
    const ps = spoken ? lookup(SPOKEN_JOINERS.get(span) ?? "", ctx) : /^[-_]./u.test(span) ? undefined : lookup(span, ctx);
    if (ps !== undefined) {
      phonemes[left] = ps;
      for (let k = left + 1; k < right; k++) phonemes[k] = "";
      ctx = next(ctx, ps, span);
      right = left;
      left = 0;
    } else if (left + 1 < right) {
      left++;
    } else {
      right--;
      const part = parts[right] ?? "";
      if (!isJunk(part)) return undefined;
      phonemes[right] = "";
      left = 0;
    }
  }
  return joinParts(parts, phonemes.map((p) => p ?? ""));
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
