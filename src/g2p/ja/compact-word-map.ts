// kuromoji's word map (tid_map.dat: a trie id → the dictionary entries of that surface form) as two typed arrays
// instead of kuromoji's object of 326k arrays: ~3 MB instead of ~75 MB of heap, read in one pass of a few
// milliseconds instead of a parse of 0.5–0.9 s. kuromoji reads the map in one place, ViterbiBuilder's
// `token_info_dictionary.target_map[trie_id]` followed by `.length` and `[i]`; a Proxy answers that read with a
// view of the entries, which is all it needs.

/** What kuromoji's ViterbiBuilder reads: entries by trie id, undefined for an id with none. */
export type WordMap = Readonly<Record<number, ArrayLike<number> | undefined>>;

/**
 * The map in tid_map.dat as kuromoji's TokenInfoDictionary.loadTargetMap reads it — a count, then per key: key, n,
 * n values (little-endian int32; an int past the end reads 0; a key with no values is absent) — given that the
 * keys come in increasing order, as kuromoji writes them (it iterates an object with integer keys). Any other
 * order is an error: this is kuromoji 0.1.x's dictionary format.
 */
export function compactWordMap(buffer: ArrayBuffer): WordMap {
  const view = new DataView(buffer);
  const length = buffer.byteLength;
  const int = (at: number): number => (at + 4 <= length ? view.getInt32(at, true) : 0);
  const records = (visit: (key: number, valuesAt: number, count: number) => void): void => {
    for (let at = 4; at < length; ) {
      const key = int(at);
      const count = Math.max(0, int(at + 4));
      if (count > 0) visit(key, at + 8, count);
      at += 8 + 4 * count;
    }
  };

  let maxKey = -1;
  let total = 0;
  records((key, _at, count) => {
    if (key <= maxKey) throw new Error(`kuromoji's word map is not in key order (key ${key} after ${maxKey}): not kuromoji 0.1.x's dictionary`);
    maxKey = key;
    total += count;
  });

  // starts[k] .. starts[k + 1] are key k's entries in `values` (an empty range: no entries).
  const starts = new Int32Array(maxKey + 2);
  const values = new Int32Array(total);
  let next = 0;
  let filled = 0;
  records((key, at, count) => {
    starts.fill(next, filled, key + 1);
    filled = key + 1;
    for (let i = 0; i < count; i++) values[next++] = int(at + 4 * i);
  });
  starts.fill(next, filled);

  return new Proxy<WordMap>(
    {},
    {
      get(_target, property) {
        if (typeof property !== "string") return undefined;
        const key = Number(property);
        if (!Number.isInteger(key) || key < 0 || key > maxKey) return undefined;
        const start = starts[key]!;
        const end = starts[key + 1]!;
        return end > start ? values.subarray(start, end) : undefined;
      },
    },
  );
}
