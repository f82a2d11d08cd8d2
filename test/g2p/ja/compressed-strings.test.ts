import { createRequire } from "node:module";
import { setImmediate as nextTurn } from "node:timers/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { compressStrings, CompressedStrings, DEFAULT_BLOCK_SIZE } from "../../../src/g2p/ja/compressed-strings.js";
import { kuromojiDictionaryDir, readDictionaryFile } from "../../../src/g2p/ja/stepwise-dictionary.js";

const require = createRequire(import.meta.url);
const ByteBuffer = require("kuromoji/src/util/ByteBuffer.js") as new (bytes: Uint8Array) => { getString(index: number): string };

/** Offsets whose strings differ between ours and kuromoji's ByteBuffer over the same bytes. */
function differing(ours: CompressedStrings, bytes: Uint8Array, offsets: Iterable<number>): number[] {
  const theirs = new ByteBuffer(bytes);
  const bad: number[] = [];
  for (const offset of offsets) if (ours.getString(offset) !== theirs.getString(offset)) bad.push(offset);
  return bad;
}

/** 0 and every offset right after a NUL: where kuromoji's strings start. */
function* stringStarts(bytes: Uint8Array): Generator<number> {
  yield 0;
  for (let at = bytes.indexOf(0); at >= 0; at = bytes.indexOf(0, at + 1)) yield at + 1;
}

/** Around every multiple of `blockSize`, the last bytes, and past the end. */
function* edges(length: number, blockSize: number): Generator<number> {
  for (let boundary = blockSize; boundary < length; boundary += blockSize) for (let d = -3; d <= 3; d++) yield boundary + d;
  for (let d = 1; d <= 20; d++) yield length - d;
  yield* [length, length + 1, length + DEFAULT_BLOCK_SIZE, 2 ** 31];
}

describe("kuromoji's feature strings (tid_pos.dat) deflated in blocks", () => {
  let bytes: Uint8Array;
  let ours: CompressedStrings;
  beforeAll(async () => {
    bytes = new Uint8Array(await readDictionaryFile(kuromojiDictionaryDir(), "tid_pos.dat.gz"));
    ours = await compressStrings(bytes);
  }, 60_000);

  it("is a fraction of the plain bytes", () => {
    expect(ours.length).toBe(bytes.length);
    expect(bytes.length).toBeGreaterThan(30e6);
    expect(ours.compressedLength).toBeLessThan(bytes.length / 4);
  });

  it("reads every string exactly as kuromoji's ByteBuffer does", () => {
    const starts = [...stringStarts(bytes)];
    expect(starts.length).toBeGreaterThan(390_000);
    expect(differing(ours, bytes, starts)).toEqual([]);
  }, 60_000);

  it("reads exactly as kuromoji's ByteBuffer does inside strings (mid-character too), at block boundaries, at the last byte and past the end", () => {
    const inside: number[] = [];
    for (let at = 1; at < bytes.length; at += 997) inside.push(at);
    expect(differing(ours, bytes, inside)).toEqual([]);
    expect(differing(ours, bytes, edges(bytes.length, DEFAULT_BLOCK_SIZE))).toEqual([]);
    expect(ours.getString(bytes.length)).toBe("");
  }, 60_000);

  it("reads strings that run over several blocks (blocks shorter than the strings)", async () => {
    const part = bytes.subarray(0, 200_000);
    const small = await compressStrings(part, { blockSize: 64, blocksPerStep: 7 });
    expect(differing(small, part, stringStarts(part))).toEqual([]);
    expect(differing(small, part, edges(part.length, 64))).toEqual([]);
  }, 60_000);
});

describe("a table of strings deflated in blocks", () => {
  const utf8 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, "utf8"));

  it("reads a last string without a terminator to the end, as kuromoji does", async () => {
    const bytes = utf8("aé\0日本語\0𠮷野家, no terminator");
    const ours = await compressStrings(bytes, { blockSize: 64 });
    const offsets = Array.from({ length: bytes.length + 3 }, (_, i) => i);
    expect(differing(ours, bytes, offsets)).toEqual([]);
    expect(ours.getString(0)).toBe("aé");
    expect(ours.getString(bytes.indexOf(0) + 1)).toBe("日本語");
  });

  it("reads bytes that are not UTF-8 as kuromoji's decoder does", async () => {
    const bytes = new Uint8Array([0x80, 0xbf, 0, 0xc0, 0x80, 0, 0xed, 0xa0, 0x80, 0, 0xff, 0xfe, 0xe3, 0]);
    const ours = await compressStrings(bytes, { blockSize: 64 });
    expect(differing(ours, bytes, Array.from({ length: bytes.length + 1 }, (_, i) => i))).toEqual([]);
  });

  it("holds nothing for no bytes", async () => {
    const ours = await compressStrings(new Uint8Array(0));
    expect(ours.getString(0)).toBe("");
    expect(ours.compressedLength).toBe(0);
  });

  it("refuses offsets kuromoji never passes, and sizes that make no blocks", async () => {
    const ours = await compressStrings(utf8("a\0b\0"));
    expect(() => ours.getString(-1)).toThrow(RangeError);
    expect(() => ours.getString(1.5)).toThrow(RangeError);
    await expect(compressStrings(utf8("a"), { blockSize: 63 })).rejects.toThrow(RangeError);
    await expect(compressStrings(utf8("a"), { blocksPerStep: 0 })).rejects.toThrow(RangeError);
  });

  it("compresses in steps, letting the event loop turn between them", async () => {
    const bytes = new Uint8Array(64 * 100).fill(0x61);
    let turns = 0;
    let counting = true;
    const count = async (): Promise<void> => {
      while (counting) {
        turns++;
        await nextTurn();
      }
    };
    const counter = count();
    await compressStrings(bytes, { blockSize: 64, blocksPerStep: 10 });
    counting = false;
    await counter;
    expect(turns).toBeGreaterThanOrEqual(10);
  });
});
