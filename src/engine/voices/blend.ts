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
