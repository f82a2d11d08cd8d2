// Subtitle cues from timed words: one sentence a cue, a long sentence cut at clause boundaries, every cue at most
// two lines of 42 characters (the usual subtitle limits).
import type { CaptionWord } from "./timed-words.js";

export const MAX_LINE_CHARS = 42;
export const MAX_LINES = 2;

export interface Cue {
  /** Seconds from the start of the audio: its first word's start and last word's end. */
  readonly start: number;
  readonly end: number;
  /** One or two lines. */
  readonly lines: readonly string[];
}

export interface Sentence {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const CLAUSE_MARKS = /[,;:—–)]/u;
const wordText = (w: CaptionWord): string => `${w.word}${w.punctuation}`;

/** Words wrapped into at most MAX_LINES lines of MAX_LINE_CHARS (greedy), or null when they do not fit. */
export function wrapLines(words: readonly string[]): string[] | null {
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    if (word.length > MAX_LINE_CHARS) return words.length === 1 ? [word] : null; // one over-long word: a cue of its own
    const joined = line === "" ? word : `${line} ${word}`;
    if (joined.length <= MAX_LINE_CHARS) line = joined;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== "") lines.push(line);
  return lines.length <= MAX_LINES ? balance(lines) : null;
}

/** Two lines of very unequal length read badly: move words down while the second line stays the shorter. */
function balance(lines: string[]): string[] {
  if (lines.length !== 2) return lines;
  const words = `${lines[0]} ${lines[1]}`.split(" ");
  let best = lines;
  for (let cut = 1; cut < words.length; cut++) {
    const a = words.slice(0, cut).join(" ");
    const b = words.slice(cut).join(" ");
    if (a.length > MAX_LINE_CHARS || b.length > MAX_LINE_CHARS) continue;
    if (Math.max(a.length, b.length) < Math.max(best[0]!.length, best[1]!.length)) best = [a, b];
  }
  return best;
}

/** The sentences of the words, in order. */
export function sentencesOf(words: readonly CaptionWord[]): CaptionWord[][] {
  const out: CaptionWord[][] = [];
  let current: CaptionWord[] = [];
  for (const w of words) {
    current.push(w);
    if (w.endsSentence) {
      out.push(current);
      current = [];
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** A sentence's clauses: cut after a clause mark. */
function clausesOf(sentence: readonly CaptionWord[]): CaptionWord[][] {
  const out: CaptionWord[][] = [];
  let current: CaptionWord[] = [];
  for (const w of sentence) {
    current.push(w);
    if (CLAUSE_MARKS.test(w.punctuation)) {
      out.push(current);
      current = [];
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * Pieces of a sentence that each fit a cue: whole clauses joined while they fit, a clause too long on its own cut
 * between words. Linear in the words (each fit check is over one cue's words, at most 84 characters).
 */
function cuePieces(sentence: readonly CaptionWord[]): CaptionWord[][] {
  if (wrapLines(sentence.map(wordText)) !== null) return [[...sentence]];
  const pieces: CaptionWord[][] = [];
  let current: CaptionWord[] = [];
  const fits = (words: readonly CaptionWord[]): boolean => wrapLines(words.map(wordText)) !== null;
  for (const clause of clausesOf(sentence)) {
    if (fits([...current, ...clause])) {
      current.push(...clause);
      continue;
    }
    if (current.length > 0) pieces.push(current);
    current = [];
    for (const w of clause) {
      if (current.length > 0 && !fits([...current, w])) {
        pieces.push(current);
        current = [];
      }
      current.push(w);
    }
  }
  if (current.length > 0) pieces.push(current);
  return pieces;
}

/** The cues for a speech's words: sentence by sentence, long ones cut at clauses, each ≤ 2 lines × 42 characters. */
export function buildCues(words: readonly CaptionWord[]): Cue[] {
  return sentencesOf(words).flatMap((sentence) =>
    cuePieces(sentence).map((piece) => ({
      start: piece[0]!.start,
      end: piece[piece.length - 1]!.end,
      lines: wrapLines(piece.map(wordText)) ?? [piece.map(wordText).join(" ")],
    })),
  );
}

/** Sentence segments for the JSON captions: text, first word's start, last word's end. */
export function buildSentences(words: readonly CaptionWord[]): Sentence[] {
  return sentencesOf(words).map((s) => ({ text: s.map(wordText).join(" "), start: s[0]!.start, end: s[s.length - 1]!.end }));
}
