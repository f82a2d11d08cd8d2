// kuromoji's dictionary (IPADIC) loaded in small steps. kuromoji's own builder decompresses the files off the
// thread but then parses the word → entries map (tid_map, 326k keys) in one synchronous run of 0.5–0.9 s, which
// would hold every other request of the front-end worker that long. Here the files are decompressed one at a time
// (zlib's thread pool) and that map is parsed in slices of a few milliseconds, yielding between them; the other
// steps take at most ~0.1 s each (the unknown-word tables). The result is kuromoji's own Tokenizer, built from
// its own dictionary classes (kuromoji 0.1.x, whose internals have not changed since 2017).
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import type { IpadicFeatures, Tokenizer } from "kuromoji";

const gunzipAsync = promisify(gunzip);

/** Work between two yields while parsing the word map (well under the ~0.2 s a request may be held). */
const SLICE_MS = 8;

/** The part of kuromoji's TokenInfoDictionary this loader fills. */
export interface TokenInfoDictionary {
  target_map: Record<number, number[]>;
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

/** One dictionary file, decompressed, as an ArrayBuffer of its own (typed-array views need offset 0). */
async function readDictionaryFile(dir: string, name: string): Promise<ArrayBuffer> {
  const bytes = await gunzipAsync(await readFile(path.join(dir, name)));
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return (whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) as ArrayBuffer;
}

/**
 * The word map of tid_map.dat as kuromoji's TokenInfoDictionary.loadTargetMap reads it (a count, then per key:
 * key, n, n values; little-endian int32; an int past the end reads 0), filled in slices with a yield between.
 */
export async function loadWordMap(dictionary: Pick<TokenInfoDictionary, "target_map">, buffer: ArrayBuffer): Promise<void> {
  const view = new DataView(buffer);
  const length = buffer.byteLength;
  const int = (at: number): number => (at + 4 <= length ? view.getInt32(at, true) : 0);
  const map: Record<number, number[]> = {};
  let at = 4; // the key count, which the reader does not need
  let sliceStart = performance.now();
  for (let n = 1; at < length; n++) {
    const key = int(at);
    const count = int(at + 4);
    at += 8;
    if (count > 0) {
      const values = (map[key] ??= []);
      for (let i = 0; i < count; i++, at += 4) values.push(int(at));
    }
    if (n % 1024 === 0 && performance.now() - sliceStart > SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
  dictionary.target_map = map;
}

/**
 * kuromoji's Tokenizer over the dictionary in `dir`, loaded in steps that each hold the thread for at most about
 * 0.1 s (the whole load: about 2–5 s and 240–330 MB, as with kuromoji's builder).
 */
export async function loadKuromojiStepwise(dir: string = kuromojiDictionaryDir()): Promise<Tokenizer<IpadicFeatures>> {
  const Dictionaries = require("kuromoji/src/dict/DynamicDictionaries.js") as new () => DynamicDictionaries;
  const KuromojiTokenizer = require("kuromoji/src/Tokenizer.js") as new (dic: DynamicDictionaries) => Tokenizer<IpadicFeatures>;
  const dic = new Dictionaries();
  const file = (name: string): Promise<ArrayBuffer> => readDictionaryFile(dir, name);

  const base = await file("base.dat.gz");
  dic.loadTrie(new Int32Array(base), new Int32Array(await file("check.dat.gz")));
  await nextTurn();
  const words = dic.token_info_dictionary;
  words.loadDictionary(new Uint8Array(await file("tid.dat.gz")));
  words.loadPosVector(new Uint8Array(await file("tid_pos.dat.gz")));
  await loadWordMap(words, await file("tid_map.dat.gz"));
  dic.loadConnectionCosts(new Int16Array(await file("cc.dat.gz")));
  const unknown: ArrayBuffer[] = [];
  for (const name of ["unk.dat.gz", "unk_pos.dat.gz", "unk_map.dat.gz", "unk_char.dat.gz", "unk_compat.dat.gz", "unk_invoke.dat.gz"]) unknown.push(await file(name));
  const [unk, unkPos, unkMap, charMap, compat, invoke] = unknown as [ArrayBuffer, ArrayBuffer, ArrayBuffer, ArrayBuffer, ArrayBuffer, ArrayBuffer];
  dic.loadUnknownDictionaries(new Uint8Array(unk), new Uint8Array(unkPos), new Uint8Array(unkMap), new Uint8Array(charMap), new Uint32Array(compat), new Uint8Array(invoke));
  return new KuromojiTokenizer(dic);
}
