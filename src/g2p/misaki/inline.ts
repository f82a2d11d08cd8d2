// Inline pronunciations in the input, as misaki and other Kokoro servers accept them:
// `[Kokoro](/kˈOkəɹO/)` gives the word those phonemes verbatim; `[word](-1)`, `(0.5)`, `(2)`
// set its stress level instead (see stress.ts). Other link targets leave the word alone.
import { KOKORO_VOCAB } from "../vocab.js";
import { InvalidPhonemesError } from "./errors.js";

export interface InlinePronunciation {
  /** The word as written inside the brackets. */
  readonly text: string;
  readonly phonemes?: string;
  readonly stress?: number;
}

/**
 * `[text](target)`, with neither part spanning a line. Neither part holds its own opening bracket, so
 * a run of "[[[[" or "[a]([a](" is scanned once, not once from every bracket.
 */
export const INLINE_PATTERN = /\[([^[\]\n]+)\]\(([^()\n]*)\)/u;

/** The first symbol of `phonemes` that is not in the Kokoro vocabulary, if any. */
export function firstInvalidSymbol(phonemes: string): string | undefined {
  for (const ch of phonemes) if (!KOKORO_VOCAB.has(ch)) return ch;
  return undefined;
}

/** Parses one `[text](target)` match; throws InvalidPhonemesError for a symbol outside the vocabulary. */
export function parseInline(source: string, text: string, target: string): InlinePronunciation {
  const trimmed = target.trim();
  if (trimmed.length >= 2 && trimmed.startsWith("/") && trimmed.endsWith("/")) {
    const phonemes = trimmed.slice(1, -1);
    const bad = firstInvalidSymbol(phonemes);
    if (bad !== undefined) throw new InvalidPhonemesError(`invalid phoneme symbol '${bad}' in ${source}`, bad);
    return { text, phonemes };
  }
  if (/^[-+]?\d+(?:\.\d+)?$/u.test(trimmed)) return { text, stress: Number(trimmed) };
  return { text };
}

/**
 * Checks every inline pronunciation in `text` at once (InvalidPhonemesError for the first bad one), so a text read
 * in parts (its head first) is refused before any audio rather than in the middle of its stream. One linear scan.
 */
export function assertInlinePhonemes(text: string): void {
  const all = new RegExp(INLINE_PATTERN.source, "gu");
  for (const match of text.matchAll(all)) parseInline(match[0], match[1]!, match[2]!);
}
