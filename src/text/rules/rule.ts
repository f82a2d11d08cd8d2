import type { Lang } from "../lang.js";

/** Named groups of one match; a rule's own groups are prefixed with its name to stay unique. */
export type Groups = Readonly<Record<string, string | undefined>>;

/** Where a match sits, for rules that read differently by context ("St." → Saint/Street). */
export interface MatchContext {
  readonly lang: Lang;
  /** The whole sentence being normalized, and the match's [start, end) in it. */
  readonly input: string;
  readonly start: number;
  readonly end: number;
}

/**
 * One class of token (money, dates, URLs, ...): a regex source and how to say a match.
 * All rules are joined into one alternation, tried in list order at each position.
 */
export interface Rule {
  readonly name: string;
  readonly pattern: string;
  /** Words to say; null leaves the match as written. */
  render(g: Groups, ctx: MatchContext): string | null;
}

/** The word before the match (letters, digits, dots, apostrophes), or "" at a punctuation mark or the start. */
export function previousWord(ctx: MatchContext): string {
  const m = /([\p{L}\p{N}.'’]+)\s+$/u.exec(ctx.input.slice(Math.max(0, ctx.start - 40), ctx.start));
  return m?.[1] ?? "";
}

/** The word after the match, or "" when punctuation or the end comes first. */
export function nextWord(ctx: MatchContext): string {
  const m = /^\s+([\p{L}\p{N}][\p{L}\p{N}'’-]*)/u.exec(ctx.input.slice(ctx.end, ctx.end + 40));
  return m?.[1] ?? "";
}

export function isCapitalized(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}
