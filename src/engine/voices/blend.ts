/** One voice pack and its weight in a blend. */
export interface WeightedPack {
  readonly pack: Float32Array;
  readonly weight: number;
}

/**
 * The weighted sum of whole voice packs (every row, so the row chosen later by phoneme count is blended too).
 * Sums in float64 and rounds once to float32, so a blend of normalised weights stays within its parts' range.
 */
export function blendPacks(parts: readonly WeightedPack[]): Float32Array {
  const first = parts[0];
  if (first === undefined) throw new RangeError("a blend needs at least one voice");
  const sum = new Float64Array(first.pack.length);
  for (const { pack, weight } of parts) {
    if (pack.length !== sum.length) throw new RangeError("blended voice packs differ in size");
    for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] ?? 0) + (pack[i] ?? 0) * weight;
  }
  return Float32Array.from(sum);
}

/**
 * The least a subtraction may leave of a row: its norm as a share of the norm of the added voices' part. Below it
 * the blend cancels out (re-normalising what is left would only scale up rounding noise).
 */
export const MIN_ROW_NORM_SHARE = 0.01;

/** A pack with subtraction, or the first row that cancels out. */
export type SignedBlend = { readonly ok: true; readonly pack: Float32Array } | { readonly ok: false; readonly row: number };

/**
 * A blend with subtracted voices (negative weights; the positive ones sum to 1). Each row of `rowSize` values is
 * the signed weighted sum, rescaled so that its L2 norm equals the norm of the same row of the added voices alone:
 * subtracting changes a row's direction, never its loudness. A row left with less than MIN_ROW_NORM_SHARE of that
 * norm cancels out. Linear in the pack's size.
 */
export function subtractivePack(parts: readonly WeightedPack[], rowSize: number): SignedBlend {
  const signed = blendPacks(parts);
  const added = blendPacks(parts.filter((p) => p.weight > 0));
  const out = new Float32Array(signed.length);
  for (let row = 0; row * rowSize < signed.length; row++) {
    let signedSq = 0;
    let addedSq = 0;
    for (let i = row * rowSize; i < (row + 1) * rowSize; i++) {
      signedSq += signed[i]! * signed[i]!;
      addedSq += added[i]! * added[i]!;
    }
    const signedNorm = Math.sqrt(signedSq);
    const addedNorm = Math.sqrt(addedSq);
    if (!(signedNorm >= MIN_ROW_NORM_SHARE * addedNorm) || signedNorm === 0) return { ok: false, row };
    const scale = addedNorm / signedNorm;
    for (let i = row * rowSize; i < (row + 1) * rowSize; i++) out[i] = signed[i]! * scale;
  }
  return { ok: true, pack: out };
}
