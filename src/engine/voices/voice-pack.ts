// A voice "pack" is one voice's style tensor [510, 1, 256] as a flat Float32Array:
// row n (the style for an input of n phoneme ids) is pack[n*256 .. (n+1)*256).
import { STYLE_DIM, STYLE_ROWS } from "../../model/contract.js";

export const PACK_FLOATS = STYLE_ROWS * STYLE_DIM;
export const PACK_BYTES = PACK_FLOATS * Float32Array.BYTES_PER_ELEMENT;

/** The style row for `phonemeCount` phoneme ids (pads excluded): the count itself, clamped to 0..509. */
export function styleRowIndex(phonemeCount: number): number {
  if (Number.isNaN(phonemeCount)) throw new RangeError("phoneme count is NaN");
  return Math.min(Math.max(Math.trunc(phonemeCount), 0), STYLE_ROWS - 1);
}

/**
 * A fresh copy of the style row for `phonemeCount`. A copy, not a subarray: a view would carry the whole
 * 522 KB pack through structured clone (postMessage to a worker) and could be mutated by the caller.
 */
export function styleRow(pack: Float32Array, phonemeCount: number): Float32Array {
  const start = styleRowIndex(phonemeCount) * STYLE_DIM;
  return pack.slice(start, start + STYLE_DIM);
}

/**
 * A voice's pack, in memory or read from its file when first used: a server speaks with one or two of its 54 voices,
 * so loading reads and checks only headers (~28 MB less memory than reading every pack, and a faster start).
 */
export type PackSource = Float32Array | (() => Float32Array);
