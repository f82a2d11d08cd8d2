import type { Lang } from "./lang.js";
import { parseBlocks, type Block } from "./markdown/blocks.js";
import { readsMarkdown, type NormalizationSwitches } from "./normalization-options.js";
import { plainBlocks } from "./plain-blocks.js";
import { readSentence } from "./plain-sentence.js";
import { isSpeakable, tidyPunctuation } from "./punctuation.js";
import { splitClauses } from "./split/clauses.js";
import { splitSentences } from "./split/sentences.js";
import { stripUnspeakable } from "./strip-unspeakable.js";
import type { BreakKind, NormalizeOptions, TextPiece } from "./types.js";

/** A normalized sentence longer than this is cut at clause boundaries. */
const MAX_SENTENCE_CHARS = 400;

const STRENGTH: Readonly<Record<BreakKind, number>> = { none: 0, clause: 1, sentence: 2, paragraph: 3 };

class PieceList {
  readonly pieces: TextPiece[] = [];

  add(text: string, span: readonly [number, number], breakAfter: BreakKind): void {
    if (text !== "" && isSpeakable(text)) {
      this.pieces.push({ text, span, breakAfter });
      return;
    }
    // Nothing to say (an emoji-only line): its pause still belongs after the piece before it.
    const prev = this.pieces.at(-1);
    if (prev !== undefined && STRENGTH[breakAfter] > STRENGTH[prev.breakAfter]) this.pieces[this.pieces.length - 1] = { ...prev, breakAfter };
  }
}

function addSentence(out: PieceList, block: Block, start: number, end: number, breakAfter: BreakKind, lang: Lang, switches?: NormalizationSwitches): void {
  const source = block.text.slice(start, end);
  const span = (s: number, e: number): readonly [number, number] => [block.map[s]!, block.map[e - 1]! + 1];
  const text = readSentence(source, lang, switches);
  if (text.length <= MAX_SENTENCE_CHARS) return out.add(text, span(start, end), breakAfter);
  // Normalized text is longer than its source (numbers, symbols): scale the cut length to match.
  const maxSource = Math.max(100, Math.floor((source.length * MAX_SENTENCE_CHARS * 0.75) / text.length));
  const parts = splitClauses(source, maxSource);
  if (parts.length === 1) return out.add(text, span(start, end), breakAfter);
  parts.forEach(([s, e], i) => {
    while (s < e && /\s/.test(source[s]!)) s++;
    while (e > s && /\s/.test(source[e - 1]!)) e--;
    if (e <= s) return;
    const last = i === parts.length - 1;
    out.add(readSentence(source.slice(s, e), lang, switches), span(start + s, start + e), last ? breakAfter : "clause");
  });
}

function normalizeBlocks(input: string, options: NormalizeOptions): TextPiece[] {
  const out = new PieceList();
  const blocks = readsMarkdown(options.normalization) ? parseBlocks(input, options.codeBlocks ?? "skip") : plainBlocks(input);
  for (const block of blocks) {
    const sentences = splitSentences(block.text, block.hardLines);
    sentences.forEach(({ start, end }, i) => {
      const breakAfter = i === sentences.length - 1 ? block.breakAfter : "sentence";
      addSentence(out, block, start, end, breakAfter, options.lang, options.normalization);
    });
  }
  return out.pieces;
}

/**
 * The sentences of `input` in order, each as a careful reader says it, with its span in `input`.
 * Markdown structure decides paragraph breaks; code blocks are skipped or read (options.codeBlocks).
 * Never throws.
 */
export function normalizeText(input: string, options: NormalizeOptions): TextPiece[] {
  try {
    return normalizeBlocks(input, options);
  } catch {
    const text = tidyPunctuation(stripUnspeakable(String(input).replace(/[\uE000-\uF8FF]/g, " ")));
    return text === "" ? [] : [{ text, span: [0, input.length], breakAfter: "paragraph" }];
  }
}

/** The normalized text as one string, pieces joined by a space (for `kokoro normalize`). */
export function normalizeToString(input: string, options: NormalizeOptions): string {
  return normalizeText(input, options).map((p) => p.text).join(" ");
}
