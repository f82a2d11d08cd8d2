// kuromoji's dictionary (IPADIC) loaded in small steps and in less memory. kuromoji's own builder decompresses the
// files off the thread but then parses the word → entries map (tid_map, 326k keys) in one synchronous run of
// 0.5–0.9 s into ~75 MB of heap, which would hold every other request of the front-end worker that long. Here the
// files are decompressed one at a time (zlib's thread pool), their padding dropped, and the word map is read into
// typed arrays in one pass of a few milliseconds (compact-word-map.ts); the other steps take at most ~0.1 s each
// (the unknown-word tables). The result is kuromoji's own Tokenizer, built from its own dictionary classes
// (kuromoji 0.1.x, whose internals have not changed since 2017). Its feature strings (36 MB) are then deflated
// in the background, in steps, and swapped in for the plain ones (compressed-strings.ts: ~27 MB less RSS), so
// the tokenizer is ready as early as before.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { Readable } from "node:stream";
import { setImmediate as nextTurn } from "node:timers/promises";
import { createGunzip } from "node:zlib";
import type { IpadicFeatures, Tokenizer } from "kuromoji";
import { compactWordMap, type WordMap } from "./compact-word-map.js";
import { compressStrings, type StringTable } from "./compressed-strings.js";

/** The part of kuromoji's TokenInfoDictionary this loader fills. */
export interface TokenInfoDictionary {
  target_map: WordMap;
  /** The feature strings, read only by getFeatures → getString (a kuromoji ByteBuffer after loadPosVector). */
  pos_buffer: StringTable;
  loadDictionary(buffer: Uint8Array): unknown;
  loadPosVector(buffer: Uint8Array): unknown;
}

interface DynamicDictionaries {
  token_info_dictionary: TokenInfoDictionary;
  loadTrie(base: Int32Array, check: Int32Array): unknown;
  loadConnectionCosts(costs: Int16Array): unknown;
  loadUnknownDictionaries(unk: Uint8Array, pos: Uint8Array, map: Uint8Array, charMap: Uint8Array, compatCharMap: Uint32Array, invokeDef: Uint8Array): unknown;
}

const require = createRequire(import.meta.url);

/** The folder of kuromoji's compressed IPADIC files. */
export function kuromojiDictionaryDir(): string {
  return path.join(path.dirname(require.resolve("kuromoji/package.json")), "dict");
}

/**
 * Zero bytes kept after a file's last non-zero byte, for the files kuromoji reads as records or strings
 * (ByteBuffer, DataView). kuromoji's builder wrote each of them from a buffer grown by doubling, never shrunk:
 * 35 MB of the 98 MB decompressed is trailing zeros (unk.dat and unk_pos.dat are 10 MiB each for < 2 KB of data).
 * 16 zeros restore whatever the last record ended with (a string's terminator, an int's high bytes; no record is
 * longer). The invoke definitions are read as classes to the end of the buffer, so there one zero (the last
 * class name's terminator) keeps exactly the real classes; kuromoji's own load adds ~150k empty ones from the
 * padding. The typed-array files (base, check, cc, unk_char, unk_compat) are indexed by code and kept whole.
 */
const KEEP_TRAILING_ZEROS: Readonly<Record<string, number>> = {
  "tid.dat.gz": 16,
  "tid_pos.dat.gz": 16,
  "tid_map.dat.gz": 16,
  "unk.dat.gz": 16,
  "unk_pos.dat.gz": 16,
  "unk_map.dat.gz": 16,
  "unk_invoke.dat.gz": 1,
};

/**
 * One dictionary file, decompressed (trailing padding dropped, see above), as an ArrayBuffer of its own (typed-array
 * views need offset 0). zlib is given an output chunk of the file's whole size (the gzip trailer's ISIZE: the length
 * mod 2^32; these files are far smaller), so it writes into one buffer instead of hundreds of small ones that would
 * be garbage afterwards: freed, they stay with the process (the allocator keeps them), tens of MB of RSS. A padded
 * file is then copied without its padding, and the padded buffer freed at once.
 */
export async function readDictionaryFile(dir: string, name: string): Promise<ArrayBuffer> {
  const compressed = await readFile(path.join(dir, name));
  const whole = compressed.readUInt32LE(compressed.length - 4);
  const chunks: Buffer[] = [];
  for await (const chunk of Readable.from([compressed]).pipe(createGunzip({ chunkSize: Math.max(64, whole) })) as AsyncIterable<Buffer>) chunks.push(chunk);
  const length = chunks.reduce((n, c) => n + c.length, 0);
  if (length !== whole) throw new Error(`${name}: decompressed to ${length} bytes, its gzip trailer says ${whole}`);
  const bytes = inOneBuffer(chunks, whole) ?? Buffer.concat(chunks, whole);
  const keep = KEEP_TRAILING_ZEROS[name];
  let end = whole;
  if (keep !== undefined) {
    while (end > 0 && bytes[end - 1] === 0) end--;
    end = Math.min(whole, end + keep);
  }
  const own = bytes.byteOffset === 0 && bytes.buffer.byteLength === end;
  return own ? (bytes.buffer as ArrayBuffer) : new Uint8Array(bytes.subarray(0, end)).buffer; // a copy: Buffer#slice would be a view
}

/** The chunks as one view when zlib wrote them one after another into a single buffer (as it does here). */
function inOneBuffer(chunks: readonly Buffer[], length: number): Uint8Array | null {
  const first = chunks[0];
  if (first === undefined || first.byteOffset !== 0) return null;
  let at = 0;
  for (const c of chunks) {
    if (c.buffer !== first.buffer || c.byteOffset !== at) return null;
    at += c.length;
  }
  return new Uint8Array(first.buffer, 0, length);
}

/** kuromoji's Tokenizer, and when its feature strings have been compressed (see loadKuromojiStepwise). */
export type StepwiseTokenizer = Tokenizer<IpadicFeatures> & {
  /**
   * Settles when the feature strings have been deflated and swapped in: true, or false if that failed (the plain
   * strings are kept then; it never rejects). The tokenizer answers the same before and after.
   */
  readonly featuresCompressed: Promise<boolean>;
};

/**
 * kuromoji's Tokenizer over the dictionary in `dir`, loaded in steps that each hold the thread for at most about
 * 0.1 s (the whole load: ~0.5 s on an idle 2-core machine and ~85 MB of RSS; kuromoji's own builder: ~250 MB). It
 * is usable at once; its feature strings are compressed afterwards, in the background (~0.3 s in steps of ~5 ms),
 * which brings it to ~60 MB.
 */
export async function loadKuromojiStepwise(dir: string = kuromojiDictionaryDir()): Promise<StepwiseTokenizer> {
  const Dictionaries = require("kuromoji/src/dict/DynamicDictionaries.js") as new () => DynamicDictionaries;
  const KuromojiTokenizer = require("kuromoji/src/Tokenizer.js") as new (dic: DynamicDictionaries) => Tokenizer<IpadicFeatures>;
  const dic = new Dictionaries();
  const file = (name: string): Promise<ArrayBuffer> => readDictionaryFile(dir, name);

  const base = await file("base.dat.gz");
  dic.loadTrie(new Int32Array(base), new Int32Array(await file("check.dat.gz")));
  await nextTurn();
  const words = dic.token_info_dictionary;
  words.loadDictionary(new Uint8Array(await file("tid.dat.gz")));
  const features = new Uint8Array(await file("tid_pos.dat.gz"));
  words.loadPosVector(features);
  words.target_map = compactWordMap(await file("tid_map.dat.gz"));
  dic.loadConnectionCosts(new Int16Array(await file("cc.dat.gz")));
  const unknown: ArrayBuffer[] = [];
  for (const name of ["unk.dat.gz", "unk_pos.dat.gz", "unk_map.dat.gz", "unk_char.dat.gz", "unk_compat.dat.gz", "unk_invoke.dat.gz"]) unknown.push(await file(name));
  const [unk, unkPos, unkMap, charMap, compat, invoke] = unknown as [ArrayBuffer, ArrayBuffer, ArrayBuffer, ArrayBuffer, ArrayBuffer, ArrayBuffer];
  dic.loadUnknownDictionaries(new Uint8Array(unk), new Uint8Array(unkPos), new Uint8Array(unkMap), new Uint8Array(charMap), new Uint32Array(compat), new Uint8Array(invoke));
  // The plain strings serve meanwhile (the first Japanese request does not wait for the compression); after the
  // swap nothing holds them, and the next full GC frees them (one buffer of its own: its memory goes back at once).
  const featuresCompressed = compressStrings(features).then(
    (compressed) => {
      words.pos_buffer = compressed;
      return true;
    },
    () => false,
  );
  return Object.assign(new KuromojiTokenizer(dic), { featuresCompressed });
}
