import type { PhonemeToken } from "../../g2p/types.js";
import type { PhonemizedPiece } from "../../plan/units.js";

/** Kokoro's punctuation symbols: kept as tokens of their own, so the planner can cut after them. */
const PUNCTUATION = new Set([";", ":", ",", ".", "!", "?", "—", "…", '"', "(", ")", "“", "”"]);
/** A word (space-separated) that ends in one of these ends a sentence of phonemes. */
export const PHONEME_SENTENCE_END: ReadonlySet<string> = new Set([".", "!", "?", "…"]);
const SENTENCE_END = PHONEME_SENTENCE_END;

/**
 * Checked phonemes (words separated by single spaces) as the pieces the call planner packs, as if a G2P had made
 * them: each space-separated word a token (its text is the phonemes, for word timings), leading and trailing
 * punctuation tokens of their own, a sentence ending after `.`, `!`, `?` or `…`. One pass over the string.
 */
export function phonemePieces(phonemes: string): PhonemizedPiece[] {
  const pieces: PhonemizedPiece[] = [];
  let tokens: PhonemeToken[] = [];
  const words = phonemes.split(" ").filter((w) => w !== "");
  words.forEach((word, w) => {
    const lastWord = w === words.length - 1;
    let start = 0;
    let end = word.length;
    while (start < end && PUNCTUATION.has(word[start]!)) start++;
    while (end > start && PUNCTUATION.has(word[end - 1]!)) end--;
    const marks = (from: number, to: number): PhonemeToken[] =>
      [...word.slice(from, to)].map((p) => ({ text: p, phonemes: p, kind: "punct" as const, spaceAfter: false }));
    const wordTokens: PhonemeToken[] = [...marks(0, start)];
    if (end > start) wordTokens.push({ text: word.slice(start, end), phonemes: word.slice(start, end), kind: "word", spaceAfter: false });
    wordTokens.push(...marks(end, word.length));
    // The space between words goes after the word's last token.
    wordTokens[wordTokens.length - 1] = { ...wordTokens.at(-1)!, spaceAfter: !lastWord };
    tokens.push(...wordTokens);
    if (SENTENCE_END.has(word.at(-1)!) || lastWord) {
      pieces.push({ tokens, breakAfter: "sentence" });
      tokens = [];
    }
  });
  return pieces;
}
