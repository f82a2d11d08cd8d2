import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { kuromojiDictionaryDir, loadWordMap } from "../../../src/g2p/ja/stepwise-dictionary.js";

const require = createRequire(import.meta.url);
type WordMap = Record<number, number[]>;

/** tid_map.dat (the word → entries map), decompressed, in an ArrayBuffer of its own. */
function wordMapFile(): ArrayBuffer {
  const bytes = gunzipSync(readFileSync(path.join(kuromojiDictionaryDir(), "tid_map.dat.gz")));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

describe("the Japanese dictionary loaded in steps", () => {
  it("reads kuromoji's word map exactly as kuromoji does", async () => {
    const buffer = wordMapFile();
    const TokenInfoDictionary = require("kuromoji/src/dict/TokenInfoDictionary.js") as new () => { target_map: WordMap; loadTargetMap(b: Uint8Array): unknown };
    const theirs = new TokenInfoDictionary();
    theirs.loadTargetMap(new Uint8Array(buffer));
    const ours = { target_map: {} as WordMap };
    await loadWordMap(ours, buffer);
    const keys = Object.keys(theirs.target_map);
    expect(keys.length).toBeGreaterThan(300_000);
    expect(Object.keys(ours.target_map)).toHaveLength(keys.length);
    const differing = keys.filter((k) => JSON.stringify(ours.target_map[Number(k)]) !== JSON.stringify(theirs.target_map[Number(k)]));
    expect(differing).toEqual([]);
  }, 60_000);

  it("parses the word map in slices, letting other work run between them", async () => {
    const buffer = wordMapFile();
    let ticks = 0;
    let last = performance.now();
    let longest = 0;
    let running = true;
    const tick = (): void => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      ticks++;
      if (running) setImmediate(tick);
    };
    const start = performance.now();
    setImmediate(tick);
    await loadWordMap({ target_map: {} }, buffer);
    running = false;
    const total = performance.now() - start;
    longest = Math.max(longest, performance.now() - last);
    // One synchronous parse (kuromoji's own, 0.5–0.9 s) would let nothing run until it ends: at most a tick before
    // and one after. (How many more depends on the machine's speed: a fast parse is few 8 ms slices.)
    expect(ticks).toBeGreaterThan(3);
    expect(longest).toBeLessThan(total / 2);
  }, 60_000);
});
