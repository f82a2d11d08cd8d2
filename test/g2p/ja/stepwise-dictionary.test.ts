import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { createRequire } from "node:module";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import type { IpadicFeatures, Tokenizer } from "kuromoji";
import { describe, expect, it } from "vitest";
import { compactWordMap } from "../../../src/g2p/ja/compact-word-map.js";
import { CompressedStrings } from "../../../src/g2p/ja/compressed-strings.js";
import { kuromojiDictionaryDir, loadKuromojiStepwise, readDictionaryFile } from "../../../src/g2p/ja/stepwise-dictionary.js";

const require = createRequire(import.meta.url);
type KuromojiWordMap = Record<number, number[]>;

/** A dictionary file as kuromoji reads it: decompressed whole, padding and all. */
function kuromojiFile(name: string): Buffer {
  return gunzipSync(readFileSync(path.join(kuromojiDictionaryDir(), name)));
}

function arrayBufferOf(bytes: Buffer): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** A tid_map.dat of the given (key, values) records, in the given order. */
function wordMapBytes(records: readonly (readonly [number, readonly number[]])[]): ArrayBuffer {
  const ints = [records.length, ...records.flatMap(([key, values]) => [key, values.length, ...values])];
  return new Int32Array(ints).buffer;
}

describe("the Japanese dictionary's word map in typed arrays", () => {
  it("answers every key exactly as kuromoji's own map does, and nothing for the keys it lacks", () => {
    const bytes = kuromojiFile("tid_map.dat.gz");
    const TokenInfoDictionary = require("kuromoji/src/dict/TokenInfoDictionary.js") as new () => { target_map: KuromojiWordMap; loadTargetMap(b: Uint8Array): unknown };
    const theirs = new TokenInfoDictionary();
    theirs.loadTargetMap(new Uint8Array(arrayBufferOf(bytes)));
    const ours = compactWordMap(arrayBufferOf(bytes));
    const keys = Object.keys(theirs.target_map).map(Number);
    expect(keys.length).toBeGreaterThan(300_000);
    const differing = keys.filter((k) => JSON.stringify(Array.from(ours[k] ?? [])) !== JSON.stringify(theirs.target_map[k]));
    expect(differing).toEqual([]);
    const present = new Set(keys);
    const maxKey = keys.reduce((a, b) => Math.max(a, b), 0);
    const absent: number[] = [];
    for (let k = 0; k <= maxKey + 10; k++) if (!present.has(k) && ours[k] !== undefined) absent.push(k);
    expect(absent).toEqual([]);
    expect(ours[-1]).toBeUndefined();
  }, 60_000);

  it("reads the record format: a key without values is absent, an int past the end is 0", () => {
    const map = compactWordMap(wordMapBytes([[2, [7, 8]], [3, []], [5, [9]]]));
    expect(Array.from(map[2]!)).toEqual([7, 8]);
    expect(map[3]).toBeUndefined();
    expect(map[4]).toBeUndefined();
    expect(Array.from(map[5]!)).toEqual([9]);
    // The last record says 3 values and the file holds 1: kuromoji reads the missing ones as 0.
    const cut = new Int32Array([1, 4, 3, 11]).buffer;
    expect(Array.from(compactWordMap(cut)[4]!)).toEqual([11, 0, 0]);
  });

  it("refuses a map whose keys are not in increasing order (not the format it was written for)", () => {
    expect(() => compactWordMap(wordMapBytes([[5, [1]], [2, [3]]]))).toThrow(/not in key order/);
    expect(() => compactWordMap(wordMapBytes([[5, [1]], [5, [3]]]))).toThrow(/not in key order/);
  });
});

describe("the Japanese dictionary's files without their padding", () => {
  const files = ["base.dat.gz", "check.dat.gz", "cc.dat.gz", "tid.dat.gz", "tid_pos.dat.gz", "tid_map.dat.gz", "unk.dat.gz", "unk_pos.dat.gz", "unk_map.dat.gz", "unk_char.dat.gz", "unk_compat.dat.gz", "unk_invoke.dat.gz"];

  it.each(files)("%s: the same bytes up to the last non-zero one, and only zeros dropped", async (name) => {
    const theirs = kuromojiFile(name);
    const ours = new Uint8Array(await readDictionaryFile(kuromojiDictionaryDir(), name));
    let used = theirs.length;
    while (used > 0 && theirs[used - 1] === 0) used--;
    // Every data byte, and at least one zero after it where there were zeros (a last string's terminator).
    expect(ours.length).toBeGreaterThanOrEqual(Math.min(theirs.length, used + 1));
    expect(ours.length).toBeLessThanOrEqual(theirs.length);
    expect(Buffer.from(ours).equals(theirs.subarray(0, ours.length))).toBe(true);
    if (["base.dat.gz", "check.dat.gz", "cc.dat.gz", "unk_char.dat.gz", "unk_compat.dat.gz"].includes(name)) expect(ours.length).toBe(theirs.length);
  }, 30_000);

  it("keeps every byte of a file that has data after long zero runs, and refuses one whose size is not its trailer's", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kokoro-ja-dict-"));
    try {
      const data = Buffer.alloc(300_000);
      data[5] = 1;
      data[200_000] = 2; // after 200k zeros: a zero run inside the data is data
      writeFileSync(path.join(dir, "tid.dat.gz"), gzipSync(data));
      const ours = Buffer.from(await readDictionaryFile(dir, "tid.dat.gz"));
      expect(ours.length).toBe(200_001 + 16);
      expect(ours.equals(data.subarray(0, ours.length))).toBe(true);
      const lying = gzipSync(data);
      lying.writeUInt32LE(123, lying.length - 4);
      writeFileSync(path.join(dir, "base.dat.gz"), lying);
      await expect(readDictionaryFile(dir, "base.dat.gz")).rejects.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("drops most of the 98 MB: the unknown-word tables were 10 MiB each for < 2 KB", async () => {
    let ours = 0;
    let theirs = 0;
    for (const name of files) {
      ours += (await readDictionaryFile(kuromojiDictionaryDir(), name)).byteLength;
      theirs += kuromojiFile(name).length;
    }
    expect(theirs).toBeGreaterThan(95e6);
    expect(theirs - ours).toBeGreaterThan(30e6);
  }, 30_000);
});

describe("the tokenizer built from them", () => {
  it("tokenizes exactly as kuromoji's own builder does", async () => {
    const kuromoji = require("kuromoji") as { builder(o: { dicPath: string }): { build(cb: (err: Error | null, t: Tokenizer<IpadicFeatures>) => void): void } };
    const theirs = await new Promise<Tokenizer<IpadicFeatures>>((resolve, reject) =>
      kuromoji.builder({ dicPath: kuromojiDictionaryDir() }).build((err, t) => (err ? reject(err) : resolve(t))),
    );
    const ours = await loadKuromojiStepwise();
    const sentences = readFileSync(new URL("golden.tsv", import.meta.url), "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => l.split("\t")[0]!);
    // Unknown words of every character class (Latin, digits, symbols, katakana runs, kanji outside IPADIC).
    sentences.push("ＡＢＣとabcと１２３と123と！？と＠＃とヴィクトリアンスタイルと鬱鬱と𠮷野家と☃", "");
    expect(sentences.length).toBeGreaterThan(40);
    // From the plain feature strings first, then from the compressed ones swapped in.
    const features = (): unknown => (ours as unknown as { token_info_dictionary: { pos_buffer: unknown } }).token_info_dictionary.pos_buffer;
    for (const sentence of sentences.slice(0, 5)) expect(ours.tokenize(sentence)).toEqual(theirs.tokenize(sentence));
    expect(await ours.featuresCompressed).toBe(true);
    expect(features()).toBeInstanceOf(CompressedStrings);
    for (const sentence of sentences) expect(ours.tokenize(sentence)).toEqual(theirs.tokenize(sentence));
  }, 120_000);
});
