import { MAX_PHONEME_IDS } from "../model/contract.js";
import type { PhonemeChunk } from "./types.js";
import { boundsOrHardLimit, CallPlanner, strongestCut, type CallSizing } from "./call-planner.js";
import type { PhonemizedPiece } from "./units.js";

export type { PhonemizedPiece } from "./units.js";

export interface PlanOptions {
  /** Hard limit per call (Kokoro: 510 ids without pads). */
  readonly maxIds?: number;
  /** Limit for the first call, so the first audio comes fast: the first clause, or a few words. */
  readonly firstMaxIds?: number;
  /** Each later call may be this many times longer than the one before (up to maxIds). */
  readonly growth?: number;
}

export const DEFAULT_FIRST_MAX_IDS = 48;
export const DEFAULT_GROWTH = 2;

/**
 * Fixed sizes, whatever the machine: the first call at most `firstMaxIds` ids, each later limit `growth` times the
 * one before (up to `maxIds`); each call ends on the strongest boundary within its limit (paragraph, sentence,
 * clause, word; the later of equals). The plan when the cost of a call is not known (adaptiveCallSizing off).
 */
export function growingSizes(options: PlanOptions = {}): CallSizing {
  const maxIds = options.maxIds ?? MAX_PHONEME_IDS;
  const growth = options.growth ?? DEFAULT_GROWTH;
  let limit = Math.min(maxIds, options.firstMaxIds ?? DEFAULT_FIRST_MAX_IDS);
  return (units, start, _planned, final) => {
    const bounds = boundsOrHardLimit(units, start, limit, maxIds);
    // The next word alone exceeds the small limit: that call gets the full size, and so do the later ones.
    if (bounds.at(-1)!.length > limit) limit = maxIds;
    const end = strongestCut(bounds, units.length, final);
    limit = Math.min(maxIds, Math.ceil(limit * growth));
    return end;
  };
}

/** Every piece packed into calls at fixed growing sizes (growingSizes), in one go; every token in exactly one call. */
export function planChunks(pieces: readonly PhonemizedPiece[], options: PlanOptions = {}): PhonemeChunk[] {
  return new CallPlanner(growingSizes(options), options.maxIds ?? MAX_PHONEME_IDS, false).add(pieces, true);
}
