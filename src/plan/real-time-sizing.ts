import { MAX_PHONEME_IDS } from "../model/contract.js";
import { boundariesWithin, STRENGTH, type Boundary, type Unit } from "./units.js";
import { boundsOrHardLimit, type CallSizing } from "./call-planner.js";
import { DEFAULT_FIRST_MAX_IDS } from "./plan-chunks.js";

/** What the sizing needs to know about inference cost (the engine's CostModel gives a stable line for planning). */
export interface CallCost {
  predictMs(ids: number): number | null;
  idsWithin(ms: number): number | null;
  /** The audio a call makes per id (pads included) at speed 1, as measured; null or absent: unknown. */
  audioMsPerId?(): number | null;
}

/** Audio per id when nothing was measured yet: one 25 ms frame, the least any model makes (Kokoro: ~75 ms). */
const MIN_AUDIO_MS_PER_ID = 25;

/** Audio a call makes, estimated from its length: `perIdMs` per id (pads included) at speed 1. */
export function estimatedAudioMs(ids: number, speed: number, perIdMs = MIN_AUDIO_MS_PER_ID): number {
  return ((ids + 2) * perIdMs) / speed;
}

export interface RealTimeOptions {
  readonly cost: CallCost;
  readonly speed: number;
  /**
   * A listener waits for the first audio: the first call's predicted compute stays within this many milliseconds
   * and later calls are sized to the audio buffered ahead of them. Absent: a whole file is wanted, so every call is
   * as long as whole sentences allow (fewest seams, best prosody).
   */
  readonly firstCallMs?: number;
  readonly maxIds?: number;
  /** Share of the buffered audio a call's predicted compute may use (estimates err; encoding takes time too). */
  readonly safety?: number;
}

/** A first call at least this share of its limit long when a boundary allows: a one-word first call starves the listener. */
const FIRST_CALL_FILL = 1 / 3;

/**
 * A whole text up to this much longer than the first call's limit is one call: cutting a few words in two puts a
 * seam (lost prosody, a pause) where a listener hears it most, and the two calls together take longer than the one
 * (each call has its fixed cost), for a first audio at most this share later than the target's compute budget.
 */
export const WHOLE_TEXT_SLACK = 1.25;

/**
 * Sizes calls by the measured cost of a call on this machine.
 *
 * - The first call fits `firstCallMs` (the TTFA target's compute budget): the whole text when it fits (with
 *   WHOLE_TEXT_SLACK to spare), else the
 *   strongest boundary (paragraph, sentence, clause, word) in the last two thirds of that budget, never inside a word.
 * - Each later call must finish before a real-time listener runs out of the audio before it (× `safety`). It is as
 *   whole sentences (packed to SENTENCE_PACK_IDS); inside a sentence it cuts only when not even one would finish in time, at
 *   the last clause that does; and when not even the first clause would (the listener will wait either way) it is
 *   that one clause, the shortest wait. No call after the first is shorter than a clause unless the text is.
 *
 * The plan depends only on the text and on `cost`, so with a stable cost line (CostModel.forPlanning) the same text
 * gives the same calls every time: there is no feedback from call sizes into the costs they were planned with.
 */
export function realTimeSizes(options: RealTimeOptions): CallSizing {
  const maxIds = options.maxIds ?? MAX_PHONEME_IDS;
  const safety = options.safety ?? 0.9;
  const { cost, speed } = options;
  // Audio planned so far, and the compute of the calls after the first (it runs while the listener listens).
  let audioMs = 0;
  let computeMs = 0;
  let previous = 0;
  return (units, start, planned, final) => {
    const first = planned.length === 0;
    const call =
      first && options.firstCallMs !== undefined
        ? firstCall(units, start, final, Math.max(1, Math.min(maxIds, cost.idsWithin(options.firstCallMs) ?? DEFAULT_FIRST_MAX_IDS)), maxIds)
        : laterCall(boundariesWithin(units, start, maxIds), units.length, final, (b) => {
            if (options.firstCallMs === undefined) return true; // a whole file: no listener to keep fed
            // While the cost is unknown, a call may double the one before.
            const ms = cost.predictMs(b.length) ?? (b.length <= 2 * previous ? 0 : Number.POSITIVE_INFINITY);
            return ms <= (audioMs - computeMs) * safety;
          });
    audioMs += estimatedAudioMs(call.length, speed, cost.audioMsPerId?.() ?? MIN_AUDIO_MS_PER_ID);
    if (!first) computeMs += cost.predictMs(call.length) ?? 0;
    previous = call.length;
    return call.end;
  };
}

/**
 * The whole text when it fits `limit` (× WHOLE_TEXT_SLACK), else the strongest boundary in the last two thirds of it
 * (any, if none there); when not even the first word fits, that word alone: the shortest call there is, never the
 * strongest boundary of a whole call's worth of text (a budget below one word — a cost line measured on a busy
 * machine — once planned a 480-id first call).
 */
function firstCall(units: readonly Unit[], start: number, final: boolean, limit: number, maxIds: number): Boundary {
  if (final) {
    const whole = boundariesWithin(units, start, Math.min(maxIds, Math.floor(limit * WHOLE_TEXT_SLACK))).at(-1);
    if (whole?.end === units.length) return whole;
  }
  if (boundariesWithin(units, start, limit).length === 0) {
    const any = boundsOrHardLimit(units, start, limit, maxIds);
    return any.find((b) => b.strength >= STRENGTH.word) ?? any[0]!;
  }
  const bounds = boundsOrHardLimit(units, start, limit, maxIds);
  const last = bounds.at(-1)!;
  if (final && last.end === units.length) return last;
  const filled = bounds.filter((b) => b.length >= limit * FIRST_CALL_FILL && b.strength >= STRENGTH.word);
  return strongest(filled.length > 0 ? filled : bounds);
}

/** The strongest boundary (paragraph, sentence, clause, word), the later of equals. */
function strongest(bounds: readonly Boundary[]): Boundary {
  let best = bounds[0]!;
  for (const b of bounds) if (b.strength >= best.strength) best = b;
  return best;
}

/**
 * Whole sentences are packed into one call up to this many ids (a longer sentence is a call of its own): sentence calls, as the peers make them, with short
 * sentences together. Not "as many as fit": a packing that grows with the buffered audio would make the plan (and
 * its pauses) follow every wobble of the measured cost. It also bounds a call's memory (ONNX Runtime's peak grows
 * with the call: ~0.8 GB at 128 ids, ~2 GB at 510 for Kokoro-82M).
 */
export const SENTENCE_PACK_IDS = 160;

/** Whole sentences that fit, else the last clause that fits, else the first clause (see realTimeSizes). */
function laterCall(bounds: readonly Boundary[], unitsLength: number, final: boolean, fits: (b: Boundary) => boolean): Boundary {
  const textEnd = (b: Boundary): boolean => final && b.end === unitsLength;
  const sentences = bounds.filter((b) => b.strength >= STRENGTH.sentenceInPiece || textEnd(b));
  const clauses = bounds.filter((b) => b.strength >= STRENGTH.clause || textEnd(b));
  const lastFitting = (list: readonly Boundary[]): Boundary | undefined => list.findLast(fits);
  // Whole sentences up to SENTENCE_PACK_IDS (the first one whatever its length).
  const packed = sentences.filter((b, i) => i === 0 || b.length <= SENTENCE_PACK_IDS);
  const sentence = lastFitting(packed);
  if (sentence) return sentence;
  // Inside the first sentence: every clause boundary before it is one.
  const firstSentenceEnd = sentences[0]?.end ?? Number.POSITIVE_INFINITY;
  const clause = lastFitting(clauses.filter((b) => b.end <= firstSentenceEnd));
  if (clause) return clause;
  if (clauses.length > 0) return clauses[0]!;
  // One clause longer than a call can be: cut at a word, as late as the budget allows.
  const words = bounds.filter((b) => b.strength >= STRENGTH.word);
  return lastFitting(words) ?? words.at(-1) ?? bounds.at(-1)!;
}
