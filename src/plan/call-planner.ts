import { MAX_PHONEME_IDS, SPACE_ID } from "../model/contract.js";
import type { PhonemeChunk } from "./types.js";
import { boundariesWithin, chunkFrom, splitOversizedWords, unitsOf, type Boundary, type PhonemizedPiece, type Unit } from "./units.js";

/**
 * Decides where each call ends. Called once per call, in order: `units[start..]` is the text not yet planned,
 * `planned` the calls before this one, `final` whether `units` reaches the end of the text (the head of a long
 * text is planned before the rest has been read). Returns the end (exclusive), > start.
 */
export type CallSizing = (units: readonly Unit[], start: number, planned: readonly PhonemeChunk[], final: boolean) => number;

/**
 * Packs phonemized pieces into model calls as they come: `add(head, false)` plans the first call from the head of
 * a text (so it can start before the rest is read), `add(rest, true)` plans the rest. Every token lands in exactly
 * one call, in order; calls hold at most `maxIds` ids; only a single "word" longer than that is ever cut inside.
 * Calls that would hold nothing audible (only spaces) are not made (unless `dropSilent` is false).
 */
export class CallPlanner {
  private units: Unit[] = [];
  private start = 0;
  private readonly chunks: PhonemeChunk[] = [];

  constructor(
    private readonly sizing: CallSizing,
    private readonly maxIds = MAX_PHONEME_IDS,
    /** Leave out calls with nothing audible (only spaces, or tokens without phonemes): the pipeline never runs them. */
    private readonly dropSilent = true,
  ) {}

  /** The calls planned so far. */
  get planned(): readonly PhonemeChunk[] {
    return this.chunks;
  }

  /** Adds pieces; returns the calls this makes possible: only the first call until `final`, then all the rest. */
  add(pieces: readonly PhonemizedPiece[], final: boolean): PhonemeChunk[] {
    const fresh = splitOversizedWords(unitsOf(pieces), this.maxIds);
    // Drop what is planned already, so the array never holds more than the unplanned text.
    this.units = this.start === 0 ? this.units.concat(fresh) : this.units.slice(this.start).concat(fresh);
    this.start = 0;
    const made: PhonemeChunk[] = [];
    while (this.start < this.units.length && (final || this.chunks.length === 0)) {
      const end = this.sizing(this.units, this.start, this.chunks, final);
      if (!(end > this.start && end <= this.units.length)) throw new RangeError(`call sizing returned ${end} for a call starting at ${this.start}`);
      const chunk = chunkFrom(this.units.slice(this.start, end), this.chunks.length);
      this.start = end;
      if (this.dropSilent && !chunk.ids.some((id) => id !== SPACE_ID)) continue;
      this.chunks.push(chunk);
      made.push(chunk);
    }
    return made;
  }
}

/**
 * The strongest boundary among `bounds` (paragraph, then sentence, then clause, then word; the later of equals),
 * or all of them when they reach the end of the text.
 */
export function strongestCut(bounds: readonly Boundary[], unitsLength: number, final: boolean): number {
  const last = bounds.at(-1)!;
  if (final && last.end === unitsLength) return last.end;
  let best = bounds[0]!;
  for (const b of bounds) if (b.strength >= best.strength) best = b;
  return best.end;
}

/** Boundaries within `limit`, or (when the next word alone is longer) within the hard limit. */
export function boundsOrHardLimit(units: readonly Unit[], start: number, limit: number, maxIds: number): Boundary[] {
  const bounds = boundariesWithin(units, start, limit);
  return bounds.length > 0 ? bounds : boundariesWithin(units, start, maxIds);
}
