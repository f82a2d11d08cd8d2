import { isEnglish } from "./lang.js";
import { parseBlocks } from "./markdown/blocks.js";
import { readsMarkdown } from "./normalization-options.js";
import { plainBlocks } from "./plain-blocks.js";
import { periodRuleFor } from "./split/language-abbreviations.js";
import { splitSentences } from "./split/sentences.js";
import type { BreakKind, NormalizeOptions } from "./types.js";

/** Characters looked at on each side of a junction: a sentence's end and a block's start are decided within them. */
export const JUNCTION_WINDOW = 256;

/**
 * The break normalizeText makes where `before` ends and `after` begins, had they come as one text: "paragraph" at
 * the end of a block (a blank line, a heading, a list item), "sentence" at the end of a sentence inside one, "none"
 * anywhere else (inside a sentence, or with nothing to read on one side). Reads the blocks and sentence ends of at
 * most JUNCTION_WINDOW characters each side, never the sentences themselves: its cost does not grow with the text.
 */
export function breakBetween(before: string, after: string, options: Pick<NormalizeOptions, "lang" | "codeBlocks" | "normalization">): BreakKind {
  const head = before.slice(-JUNCTION_WINDOW);
  const text = head + after.slice(0, JUNCTION_WINDOW);
  // The boundary may fall anywhere in the white space around the junction.
  let lo = head.length;
  while (lo > 0 && /\s/u.test(text[lo - 1]!)) lo--;
  let hi = head.length;
  while (hi < text.length && /\s/u.test(text[hi]!)) hi++;
  if (lo === 0 || hi === text.length) return "none";
  const blocks = readsMarkdown(options.normalization) ? parseBlocks(text, options.codeBlocks ?? "skip") : plainBlocks(text);
  const at = (end: number): boolean => end >= lo && end <= hi;
  for (const block of blocks) {
    if (block.map.length === 0) continue;
    if (at(block.map.at(-1)! + 1)) return block.breakAfter;
    const listNumber = isEnglish(options.lang) ? block.listNumber : undefined;
    const sentences = splitSentences(block.text, block.hardLines, periodRuleFor(options.lang), listNumber);
    for (const s of sentences.slice(0, -1)) if (s.end > s.start && at(block.map[s.end - 1]! + 1)) return "sentence";
  }
  return "none";
}
