// One misaki lexicon file packed for a long-lived process: its keys sorted and joined into one string, its
// string values joined into another, each with an offset array, found by binary search. The parsed JSON
// object costs ~12 MB of heap per file (90k property keys, 90k value strings, a dictionary-mode object);
// this costs ~3 MB, most of it the values (IPA, so two bytes a character). A file's text is read member by
// member (json-members.ts), so the big object is never built at all.
import { Buffer } from "node:buffer";
import { jsonObjectMembers } from "./json-members.js";

/** A POS entry: tag (`NOUN`, `VBD`, `DEFAULT`, `None`...) → phonemes, or null = spell the word. */
export type PosEntry = Readonly<Record<string, string | null>>;
export type Entry = string | PosEntry;

export class LexiconTable {
  private constructor(
    /** Keys in UTF-16 code unit order (the order of `<`), concatenated. */
    private readonly keys: string,
    /** Entry i's key is `keys.slice(keyStart[i], keyStart[i + 1])`; length = entries + 1. */
    private readonly keyStart: Int32Array,
    /** Entry i's string value, same layout; a POS entry has an empty range here. */
    private readonly values: string,
    private readonly valueStart: Int32Array,
    /** The POS entries (under 1% of a file) by entry index, frozen so callers can share them. */
    private readonly pos: ReadonlyMap<number, PosEntry>,
    /** Keys in the file, counting the ones whose value was not an entry (and are left out above). */
    readonly size: number,
  ) {}

  /** Packs one parsed lexicon file (its own enumerable keys, as JSON.parse makes them). */
  static fromObject(raw: Readonly<Record<string, unknown>>): LexiconTable {
    const keys = Object.keys(raw);
    return LexiconTable.pack(keys, keys.map((key) => raw[key]));
  }

  /** Packs the text of one lexicon file, or undefined when it is not a JSON object (see jsonObjectMembers). */
  static fromText(text: string): LexiconTable | undefined {
    const members = jsonObjectMembers(text);
    return members === undefined ? undefined : LexiconTable.pack(members.keys, members.values);
  }

  /** Packs members given in any order, duplicates allowed (the last wins, as in JSON.parse); a value that is neither a string nor a POS entry is dropped. */
  private static pack(rawKeys: readonly string[], rawValues: readonly unknown[]): LexiconTable {
    const { keys: allKeys, values: allValues } = sortedUnique(rawKeys, rawValues);
    const keys: string[] = [];
    const values: string[] = [];
    const pos = new Map<number, PosEntry>();
    for (let i = 0; i < allKeys.length; i++) {
      const value = allValues[i];
      if (typeof value === "string") values.push(value);
      else if (isPosEntry(value)) {
        // A copy: the caller's object stays unfrozen, and the copy holds only what was validated.
        pos.set(keys.length, Object.freeze({ ...value }));
        values.push("");
      } else continue;
      keys.push(allKeys[i] as string);
    }
    return new LexiconTable(oneByteIfLatin1(keys.join("")), endsOf(keys), values.join(""), endsOf(values), pos, allKeys.length);
  }

  /** The entry stored under exactly `key`, if any. */
  get(key: string): Entry | undefined {
    const i = this.indexOf(key);
    if (i < 0) return undefined;
    const start = this.valueStart[i] as number;
    const end = this.valueStart[i + 1] as number;
    // An empty range is either a POS entry or the empty string.
    return start === end ? (this.pos.get(i) ?? "") : this.values.slice(start, end);
  }

  private indexOf(key: string): number {
    let lo = 0;
    let hi = this.keyStart.length - 2;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const order = this.compareKey(mid, key);
      if (order === 0) return mid;
      if (order < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Stored key i against `key` by UTF-16 code units, without slicing it out: negative when key i sorts first. */
  private compareKey(i: number, key: string): number {
    const start = this.keyStart[i] as number;
    const length = (this.keyStart[i + 1] as number) - start;
    const common = Math.min(length, key.length);
    for (let j = 0; j < common; j++) {
      const diff = this.keys.charCodeAt(start + j) - key.charCodeAt(j);
      if (diff !== 0) return diff;
    }
    return length - key.length;
  }
}

/**
 * The members sorted by key in UTF-16 code unit order (the order of `<` and of the default sort), one per
 * key, the last one given. misaki's files come sorted, so this is usually one linear check.
 */
function sortedUnique(keys: readonly string[], values: readonly unknown[]): { keys: readonly string[]; values: readonly unknown[] } {
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++) sorted = (keys[i - 1] as string) < (keys[i] as string);
  if (sorted) return { keys, values };
  // Ties broken by position, so that the last of equal keys ends its run.
  const order = Array.from(keys.keys()).sort((a, b) => {
    const ka = keys[a] as string;
    const kb = keys[b] as string;
    return ka < kb ? -1 : ka > kb ? 1 : a - b;
  });
  const outKeys: string[] = [];
  const outValues: unknown[] = [];
  for (let j = 0; j < order.length; j++) {
    const i = order[j] as number;
    const next = order[j + 1];
    if (next !== undefined && keys[next] === keys[i]) continue;
    outKeys.push(keys[i] as string);
    outValues.push(values[i]);
  }
  return { keys: outKeys, values: outValues };
}

/** Offsets of the concatenated strings: string i spans [ends[i], ends[i + 1]). */
function endsOf(strings: readonly string[]): Int32Array {
  const ends = new Int32Array(strings.length + 1);
  for (let i = 0; i < strings.length; i++) ends[i + 1] = (ends[i] as number) + (strings[i] as string).length;
  return ends;
}

/**
 * V8 keeps a string two bytes a character when it was cut from a two-byte one (the file text, which has
 * IPA in it) even if every character fits in one; a Latin-1 round trip through a Buffer gives the one-byte form.
 */
function oneByteIfLatin1(s: string): string {
  return /[\u0100-\uffff]/.test(s) ? s : Buffer.from(s, "latin1").toString("latin1");
}

function isPosEntry(value: unknown): value is PosEntry {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return typeof record["DEFAULT"] === "string" && Object.values(record).every((v) => v === null || typeof v === "string");
}
