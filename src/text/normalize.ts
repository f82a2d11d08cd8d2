import { isEnglish, type Lang } from "./lang.js";
import { parseBlocks, type Block } from "./markdown/blocks.js";
import { readsMarkdown, type NormalizationSwitches } from "./normalization-options.js";
import { plainBlocks } from "./plain-blocks.js";
import type { SentenceReading } from "./normalize-sentence.js";
import { readSentence } from "./plain-sentence.js";
import { isSpeakable, tidyPunctuation } from "./punctuation.js";
import { splitClauses } from "./split/clauses.js";
import { periodRuleFor } from "./split/language-abbreviations.js";
import { splitSentences } from "./split/sentences.js";
import { stripUnspeakable } from "./strip-unspeakable.js";
import type { BreakKind, NormalizeOptions, TextPiece } from "./types.js";

/** A normalized sentence longer than this is cut at clause boundaries. */
const MAX_SENTENCE_CHARS = 400;

const STRENGTH: Readonly<Record<BreakKind, number>> = { none: 0, clause: 1, sentence: 2, paragraph: 3 };

/**
 * The pieces so far. A piece that ends on a word is closed with "." once another piece follows it (the model needs a
 * mark at a sentence seam inside one call, and `kokoro normalize` joins pieces with a space); the last piece of the
 * input stays as written, as misaki reads it, unless more text follows the input (`goesOn`).
 */
class PieceList {
  readonly pieces: TextPiece[] = [];
  private lastOpen = false;

  add(reading: SentenceReading, span: readonly [number, number], breakAfter: BreakKind): void {
    const { text } = reading;
    if (text !== "" && isSpeakable(text)) {
      this.closeLast();
      this.pieces.push({ text, span, breakAfter });
      this.lastOpen = reading.open;
      return;
    }
    // Nothing to say (an emoji-only line): its pause still belongs after the piece before it.
    const prev = this.pieces.at(-1);
    if (prev !== undefined && STRENGTH[breakAfter] > STRENGTH[prev.breakAfter]) this.pieces[this.pieces.length - 1] = { ...prev, breakAfter };
  }

  /** Gives the last piece its closing "." if it ends open. */
  closeLast(): void {
    const prev = this.pieces.at(-1);
    if (prev !== undefined && this.lastOpen) this.pieces[this.pieces.length - 1] = { ...prev, text: `${prev.text}.` };
    this.lastOpen = false;
  }
}

function addSentence(out: PieceList, block: Block, start: number, end: number, breakAfter: BreakKind, lang: Lang, switches?: NormalizationSwitches): void {
  const source = block.text.slice(start, end);
  const span = (s: number, e: number): readonly [number, number] => [block.map[s]!, block.map[e - 1]! + 1];
  const reading = readSentence(source, lang, switches);
  const { text } = reading;
  if (text.length <= MAX_SENTENCE_CHARS) return out.add(reading, span(start, end), breakAfter);
  // Normalized text is longer than its source (numbers, symbols): scale the cut length to match.
  const maxSource = Math.max(100, Math.floor((source.length * MAX_SENTENCE_CHARS * 0.75) / text.length));
  const parts = splitClauses(source, maxSource);
  if (parts.length === 1) return out.add(reading, span(start, end), breakAfter);
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
    // Two-item inline lists after a Markdown "1." (issue 15) are English-only for now: other languages unchanged.
    const listNumber = isEnglish(options.lang) ? block.listNumber : undefined;
    const sentences = splitSentences(block.text, block.hardLines, periodRuleFor(options.lang), listNumber);
    sentences.forEach(({ start, end }, i) => {
      const breakAfter = i === sentences.length - 1 ? block.breakAfter : "sentence";
      addSentence(out, block, start, end, breakAfter, options.lang, options.normalization);
    });
  }
  if (options.goesOn === true) out.closeLast();
  return out.pieces;
}

/**
 * The sentences of `input` in order, each as a careful reader says it, with its span in `input`.
 * Markdown structure decides paragraph breaks; code blocks are skipped or read (options.codeBlocks).
 * English text gets no closing "." at its very end that the input does not have (misaki adds none; PieceList).
 * Never throws.
 */
export function normalizeText(input: string, options: NormalizeOptions): TextPiece[] {
  try {
    return normalizeBlocks(input, options);
  } catch {
    const close = !isEnglish(options.lang) || options.goesOn === true;
    const text = tidyPunctuation(stripUnspeakable(String(input).replace(/[\uE000-\uF8FF]/g, " ")), close);
    return text === "" ? [] : [{ text, span: [0, input.length], breakAfter: "paragraph" }];
  }
}

/** The normalized text as one string, pieces joined by a space (for `kokoro normalize`). */
export function normalizeToString(input: string, options: NormalizeOptions): string {
  return normalizeText(input, options).map((p) => p.text).join(" ");
}
