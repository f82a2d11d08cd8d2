import { phonemesToIds } from "../g2p/vocab.js";
import { SPACE_ID } from "../model/contract.js";
import type { PhonemeToken } from "../g2p/types.js";
import type { BreakKind } from "../text/types.js";
import type { PhonemeChunk, PlannedWord } from "./types.js";

/** A normalized piece of text (a sentence, or a clause of a very long one) with its phonemized tokens. */
export interface PhonemizedPiece {
  readonly tokens: readonly PhonemeToken[];
  readonly breakAfter: BreakKind;
  /**
   * The piece stops mid-sentence because only a bounded head of the text was read so far (pipeline/front-end.ts):
   * its end is a word boundary, not a clause.
   */
  readonly continues?: boolean;
}

/** Boundary strengths: what a cut after a unit costs the listener (higher = more natural to cut there). */
export const STRENGTH = { none: 0, word: 1, clause: 2, sentenceInPiece: 2.5, sentence: 3, paragraph: 4 } as const;
const BREAK_STRENGTH: Readonly<Record<BreakKind, number>> = { none: STRENGTH.none, clause: STRENGTH.clause, sentence: STRENGTH.sentence, paragraph: STRENGTH.paragraph };

// Shared by every unit: one array per token is garbage the collector has to walk on long texts.
const SPACE: readonly number[] = [SPACE_ID];
export const NO_SPACE: readonly number[] = [];
// Full-width CJK marks and the Devanagari danda too, for a G2P that keeps a source mark as its token's text.
const CLAUSE_MARKS = new Set([",", ";", ":", "—", "–", "-", "，", "、", "；", "："]);
const SENTENCE_MARKS = new Set([".", "!", "?", "…", "。", "！", "？", "．", "।", "॥"]);

/** A token with its ids and the strength of the boundary right after it: what the planners cut. */
export interface Unit {
  readonly token: PhonemeToken;
  readonly ids: readonly number[];
  /** Ids of the space after it (empty or [16]). */
  readonly trailing: readonly number[];
  readonly strength: number;
  readonly breakAfter: BreakKind;
}

export function unitsOf(pieces: readonly PhonemizedPiece[]): Unit[] {
  const units: Unit[] = [];
  for (const piece of pieces) {
    const tokens = piece.tokens;
    tokens.forEach((token, i) => {
      const last = i === tokens.length - 1;
      let breakAfter: BreakKind = "none";
      let strength: number = STRENGTH.none;
      if (last && piece.continues) {
        strength = STRENGTH.word;
      } else if (last) {
        breakAfter = piece.breakAfter === "none" ? "clause" : piece.breakAfter;
        strength = BREAK_STRENGTH[breakAfter];
      } else if (token.kind === "punct" && SENTENCE_MARKS.has(token.text.trim().slice(-1))) {
        breakAfter = "sentence";
        strength = STRENGTH.sentenceInPiece; // inside a piece: weaker than the normalizer's own sentence ends
      } else if (token.kind === "punct" && CLAUSE_MARKS.has(token.text.trim().slice(-1))) {
        breakAfter = "clause";
        strength = STRENGTH.clause;
      } else if (token.spaceAfter) {
        strength = STRENGTH.word;
      }
      // Pieces are separated by a space in the phoneme stream, whether or not the G2P put one.
      const trailing = token.spaceAfter || last ? SPACE : NO_SPACE;
      units.push({ token, ids: phonemesToIds(token.phonemes), trailing, strength, breakAfter });
    });
  }
  return units;
}

/** The ids `units[start..end)` make as one call (the space after the last one is dropped: pads separate calls). */
export function lengthOf(units: readonly Unit[], start: number, end: number): number {
  let length = 0;
  for (let i = start; i < end; i++) length += (i > start ? units[i - 1]!.trailing.length : 0) + units[i]!.ids.length;
  return length;
}

export function chunkFrom(units: readonly Unit[], seq: number): PhonemeChunk {
  const ids: number[] = [];
  const words: PlannedWord[] = [];
  let phonemes = "";
  units.forEach((u, i) => {
    const tokenStart = ids.length;
    ids.push(...u.ids);
    phonemes += u.token.phonemes;
    words.push({ text: u.token.text, phonemes: u.token.phonemes, kind: u.token.kind, tokenStart, tokenEnd: ids.length });
    // The space after the chunk's last token is dropped: the pads already separate calls.
    if (i < units.length - 1 && u.trailing.length > 0) {
      ids.push(...u.trailing);
      phonemes += " ";
    }
  });
  return { seq, ids, phonemes, words, breakAfter: units.at(-1)?.breakAfter ?? "none" };
}

/** A place a call may end: after `units[end - 1]`, holding `length` ids from the call's start. */
export interface Boundary {
  readonly end: number;
  readonly length: number;
  readonly strength: number;
}

/**
 * Every boundary a call starting at `start` may end on within `limit` ids, in order (the end of `units` included
 * with the strength of its last unit). Stops at the limit, so it costs O(limit), not O(text).
 */
export function boundariesWithin(units: readonly Unit[], start: number, limit: number): Boundary[] {
  const out: Boundary[] = [];
  let length = 0;
  for (let end = start; end < units.length; end++) {
    const u = units[end]!;
    const added = (end > start ? units[end - 1]!.trailing.length : 0) + u.ids.length;
    if (length + added > limit) break;
    length += added;
    out.push({ end: end + 1, length, strength: u.strength });
  }
  return out;
}

/** Splits any single token longer than `maxIds` into pieces that fit (only for pathological input). */
export function splitOversizedWords(units: Unit[], maxIds: number): Unit[] {
  if (units.every((u) => u.ids.length <= maxIds)) return units;
  const out: Unit[] = [];
  for (const u of units) {
    if (u.ids.length <= maxIds) {
      out.push(u);
      continue;
    }
    // Split into symbols once, not once per piece: a word of n symbols has n / maxIds pieces.
    const symbols = [...u.token.phonemes];
    const aligned = symbols.length === u.ids.length;
    for (let i = 0; i < u.ids.length; i += maxIds) {
      const last = i + maxIds >= u.ids.length;
      const ids = u.ids.slice(i, i + maxIds);
      out.push({
        token: { ...u.token, text: i === 0 ? u.token.text : "", phonemes: aligned ? symbols.slice(i, i + maxIds).join("") : "" },
        ids,
        trailing: last ? u.trailing : NO_SPACE,
        strength: last ? u.strength : 0,
        breakAfter: last ? u.breakAfter : "none",
      });
    }
  }
  return out;
}
