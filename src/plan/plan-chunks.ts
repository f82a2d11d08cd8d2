import { phonemesToIds } from "../g2p/vocab.js";
import { MAX_PHONEME_IDS, SPACE_ID } from "../model/contract.js";
import type { PhonemeToken } from "../g2p/types.js";
import type { BreakKind } from "../text/types.js";
import type { PhonemeChunk, PlannedWord } from "./types.js";

/** A normalized piece of text (a sentence) with its phonemized tokens. */
export interface PhonemizedPiece {
  readonly tokens: readonly PhonemeToken[];
  readonly breakAfter: BreakKind;
}

export interface PlanOptions {
  /** Hard limit per call (Kokoro: 510 ids without pads). */
  readonly maxIds?: number;
  /** Limit for the first call, so the first audio comes fast: the first clause, or a few words. */
  readonly firstMaxIds?: number;
  /** Each later call may be this many times longer than the one before (up to maxIds). */
  readonly growth?: number;
  /**
   * Sizes each later call instead of `growth`: given the calls planned so far, the most ids the next
   * one may hold (clamped to 1..maxIds). The pipeline derives it from the engine's measured cost.
   */
  readonly nextLimit?: (planned: readonly PhonemeChunk[]) => number;
}

export const DEFAULT_FIRST_MAX_IDS = 48;
export const DEFAULT_GROWTH = 2;

// Shared by every unit: one array per token is garbage the collector has to walk on long texts.
const SPACE: readonly number[] = [SPACE_ID];
const NO_SPACE: readonly number[] = [];
const STRENGTH: Readonly<Record<BreakKind, number>> = { none: 0, clause: 2, sentence: 3, paragraph: 4 };
// A word boundary (a space between two words) ranks between no boundary and a clause.
const WORD = 1;
const CLAUSE_MARKS = new Set([",", ";", ":", "—", "–", "-"]);
const SENTENCE_MARKS = new Set([".", "!", "?", "…"]);

/** A token with its ids and the strength of the boundary right after it. */
interface Unit {
  readonly token: PhonemeToken;
  readonly ids: readonly number[];
  /** Ids of the space after it (empty or [16]). */
  readonly trailing: readonly number[];
  readonly strength: number;
  readonly breakAfter: BreakKind;
}

function unitsOf(pieces: readonly PhonemizedPiece[]): Unit[] {
  const units: Unit[] = [];
  for (const piece of pieces) {
    const tokens = piece.tokens;
    tokens.forEach((token, i) => {
      const last = i === tokens.length - 1;
      let breakAfter: BreakKind = "none";
      let strength = 0;
      if (last) {
        breakAfter = piece.breakAfter === "none" ? "clause" : piece.breakAfter;
        strength = STRENGTH[breakAfter];
      } else if (token.kind === "punct" && SENTENCE_MARKS.has(token.text.trim().slice(-1))) {
        breakAfter = "sentence";
        strength = STRENGTH.sentence - 0.5; // inside a piece: weaker than the normalizer's own sentence ends
      } else if (token.kind === "punct" && CLAUSE_MARKS.has(token.text.trim().slice(-1))) {
        breakAfter = "clause";
        strength = STRENGTH.clause;
      } else if (token.spaceAfter) {
        strength = WORD;
      }
      // Pieces are separated by a space in the phoneme stream, whether or not the G2P put one.
      const trailing = token.spaceAfter || last ? SPACE : NO_SPACE;
      units.push({ token, ids: phonemesToIds(token.phonemes), trailing, strength, breakAfter });
    });
  }
  return units;
}

function chunkFrom(units: readonly Unit[], seq: number): PhonemeChunk {
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

/**
 * Packs phonemized pieces into model calls. Each call holds at most `maxIds` ids and ends on the
 * strongest boundary within its limit (paragraph, then sentence, then clause, then word; the later
 * of equals). The first call's limit is small so the first audio comes fast (the first clause, or
 * a few words of a long first sentence); each later limit grows by `growth` up to `maxIds`. Every
 * token lands in exactly one call, in order. Only a single "word" longer than `maxIds` ids is ever
 * cut inside (split across calls, never dropped).
 */
export function planChunks(pieces: readonly PhonemizedPiece[], options: PlanOptions = {}): PhonemeChunk[] {
  const maxIds = options.maxIds ?? MAX_PHONEME_IDS;
  const growth = options.growth ?? DEFAULT_GROWTH;
  let limit = Math.min(maxIds, options.firstMaxIds ?? DEFAULT_FIRST_MAX_IDS);
  const units = splitOversizedWords(unitsOf(pieces), maxIds);
  const chunks: PhonemeChunk[] = [];
  let start = 0;
  while (start < units.length) {
    let end = start;
    let length = 0;
    let bestEnd = start;
    let bestStrength = -1;
    while (end < units.length) {
      const u = units[end]!;
      const added = (end > start ? units[end - 1]!.trailing.length : 0) + u.ids.length;
      if (length + added > limit) break;
      length += added;
      end++;
      if (u.strength >= bestStrength) {
        bestStrength = u.strength;
        bestEnd = end;
      }
    }
    if (end === start) {
      // The next word alone exceeds the small first limit: give this call the full size.
      limit = maxIds;
      continue;
    }
    const cut = end === units.length ? end : bestEnd;
    chunks.push(chunkFrom(units.slice(start, cut), chunks.length));
    start = cut;
    limit = options.nextLimit
      ? Math.max(1, Math.min(maxIds, Math.floor(options.nextLimit(chunks))))
      : Math.min(maxIds, Math.ceil(limit * growth));
  }
  return chunks;
}

/** Splits any single token longer than `maxIds` into pieces that fit (only for pathological input). */
function splitOversizedWords(units: Unit[], maxIds: number): Unit[] {
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
