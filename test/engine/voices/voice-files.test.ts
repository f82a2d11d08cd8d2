// Voice files built here, good and corrupt: the .npz reader (stored and deflated ZIP entries, .npy
// versions and headers) and the .bin directory reader must load the good ones and name what is wrong.
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, deflateRawSync } from "node:zlib";
import { afterAll, beforeAll, describe, it, expect } from "vitest";
import { loadVoices, PACK_FLOATS } from "../../../src/engine/voices/index.js";
import { VoiceFileError } from "../../../src/engine/errors.js";

interface NpyOptions {
  readonly descr?: string;
  readonly shape?: string;
  readonly fortran?: boolean;
  readonly version?: 1 | 2 | 3;
  readonly values?: Float32Array;
}

function npy(options: NpyOptions = {}): Buffer {
  const { descr = "<f4", shape = "(510, 1, 256)", fortran = false, version = 1, values = pattern(1) } = options;
  const dict = `{'descr': '${descr}', 'fortran_order': ${fortran ? "True" : "False"}, 'shape': ${shape}, }`;
  const lengthBytes = version === 1 ? 2 : 4;
  const unpadded = 8 + lengthBytes + dict.length + 1;
  const header = `${dict}${" ".repeat((64 - (unpadded % 64)) % 64)}\n`;
  const preamble = Buffer.alloc(8 + lengthBytes);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]).copy(preamble);
  if (version === 1) preamble.writeUInt16LE(header.length, 8);
  else preamble.writeUInt32LE(header.length, 8);
  const data = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => data.writeFloatLE(v, i * 4));
  return Buffer.concat([preamble, Buffer.from(header, "latin1"), data]);
}

/** A minimal ZIP writer (local headers, central directory, end record) for test archives. */
function zip(entries: ReadonlyArray<readonly [string, Buffer]>, method: 0 | 8 = 0): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const stored = method === 8 ? deflateRawSync(content) : content;
    const nameBytes = Buffer.from(name);
    const fields = (header: Buffer, at: number): void => {
      header.writeUInt16LE(method, at);
      header.writeUInt32LE(crc32(content), at + 6);
      header.writeUInt32LE(stored.length, at + 10);
      header.writeUInt32LE(content.length, at + 14);
      header.writeUInt16LE(nameBytes.length, at + 18);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    fields(local, 8);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    fields(central, 10);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, stored);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Bitwise equality; vitest's deep equality is slow on 130,560-element arrays. */
function sameBits(a: Float32Array, b: Float32Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

function pattern(seed: number): Float32Array {
  return Float32Array.from({ length: PACK_FLOATS }, (_, i) => Math.sin(i * 0.001 + seed));
}

let dir = "";
let counter = 0;

async function fileWith(bytes: Buffer): Promise<string> {
  const path = join(dir, `case-${counter++}.npz`);
  await writeFile(path, bytes);
  return path;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kokoro-voices-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("npz voices", () => {
  it("reads stored and deflated entries, .npy v1/v2/v3, and [510, 256] shapes", async () => {
    const a = pattern(1);
    const b = pattern(2);
    for (const method of [0, 8] as const) {
      const store = await loadVoices(
        await fileWith(
          zip(
            [
              ["af_one.npy", npy({ values: a })],
              ["bm_two.npy", npy({ values: b, version: 2, shape: "(510, 256)" })],
              ["zf_three.npy", npy({ values: b, version: 3 })],
            ],
            method,
          ),
        ),
      );
      expect(store.names()).toEqual(["af_one", "bm_two", "zf_three"]);
      expect(sameBits(store.pack("af_one"), a)).toBe(true);
      expect(sameBits(store.pack("bm_two"), b)).toBe(true);
      expect(sameBits(store.pack("zf_three"), b)).toBe(true);
    }
  });

  it("names the fault in a corrupt file", async () => {
    const good = zip([["af_one.npy", npy()]]);
    const cases: ReadonlyArray<readonly [string, Buffer, RegExp]> = [
      ["truncated", good.subarray(0, good.length - 1000), /no end-of-central-directory record \(truncated/],
      [
        "truncated entry",
        zip([["af_one.npy", npy().subarray(0, 5000)]]),
        /entry 'af_one.npy': shape \(510, 1, 256\) needs 522240 data bytes but there are/,
      ],
      [
        "wrong dtype",
        zip([["af_one.npy", npy({ descr: "<f8", values: new Float32Array(8) })]]),
        /entry 'af_one.npy': dtype '<f8' is not supported/,
      ],
      ["big-endian", zip([["af_one.npy", npy({ descr: ">f4" })]]), /dtype '>f4' is not supported/],
      [
        "wrong shape",
        zip([["af_one.npy", npy({ shape: "(512, 255)", values: new Float32Array(512 * 255) })]]),
        /entry 'af_one.npy' has shape \(512, 255\); expected \(510, 1, 256\)/,
      ],
      ["fortran order", zip([["af_one.npy", npy({ fortran: true })]]), /Fortran-order/],
      ["not npy", zip([["af_one.npy", Buffer.from("hello world")]]), /entry 'af_one.npy': not a NumPy .npy array/],
      ["not a voice name", zip([["heart.npy", npy()]]), /entry 'heart.npy': 'heart' is not a voice name/],
      ["not .npy", zip([["af_one.txt", Buffer.from("x")]]), /entry 'af_one.txt' is not an .npy array/],
      ["duplicate", zip([["af_one.npy", npy()], ["af_one.npy", npy()]]), /entry 'af_one.npy' appears twice/],
      ["empty archive", zip([]), /no voices found/],
      // Deflated entries: the header is inflated from the entry's first bytes alone, and checked at load just the same.
      [
        "wrong shape, deflated",
        zip([["af_one.npy", npy({ shape: "(512, 255)", values: new Float32Array(512 * 255) })]], 8),
        /entry 'af_one.npy' has shape \(512, 255\)/,
      ],
      ["wrong dtype, deflated", zip([["af_one.npy", npy({ descr: "<f8", values: new Float32Array(8) })]], 8), /dtype '<f8'/],
      ["truncated entry, deflated", zip([["af_one.npy", npy().subarray(0, 5000)]], 8), /needs 522240 data bytes but there are/],
    ];
    for (const [label, bytes, reason] of cases) {
      const path = await fileWith(bytes);
      const error = await loadVoices(path).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, label).toBeInstanceOf(VoiceFileError);
      expect((error as Error).message, label).toContain(path);
      expect((error as Error).message, label).toMatch(reason);
    }
  });

  it("detects flipped bytes and unsupported compression", async () => {
    const good = zip([["af_one.npy", npy()]]);
    const flipped = Buffer.from(good);
    flipped[1000] = (flipped[1000] ?? 0) ^ 0xff;
    // Data is read on a voice's first use, so that is where a flipped byte in it is found.
    const store = await loadVoices(await fileWith(flipped));
    expect(() => store.pack("af_one")).toThrow(VoiceFileError);
    expect(() => store.pack("af_one")).toThrow(/case-\d+\.npz: entry 'af_one.npy': CRC-32 mismatch/);
    const bzip = Buffer.from(good);
    bzip.writeUInt16LE(12, 8); // local header method
    bzip.writeUInt16LE(12, good.length - 22 - 46 - "af_one.npy".length + 10); // central directory method
    await expect(loadVoices(await fileWith(bzip))).rejects.toThrow(/compression method 12 is not supported/);
  });
});

describe("voices are read on first use", () => {
  it("loads names and headers only; each pack is read once, when first used", async () => {
    const a = pattern(4);
    const b = pattern(5);
    for (const method of [0, 8] as const) {
      const store = await loadVoices(await fileWith(zip([["af_one.npy", npy({ values: a })], ["bm_two.npy", npy({ values: b })]], method)));
      expect(store.size).toBe(2);
      expect(store.loadedCount).toBe(0);
      expect(sameBits(store.pack("bm_two"), b)).toBe(true);
      expect(store.loadedCount).toBe(1);
      expect(store.pack("bm_two")).toBe(store.pack("bm_two")); // the same array: read once
      expect(sameBits(store.pack("af_one"), a)).toBe(true);
      expect(store.loadedCount).toBe(2);
    }
  });

  it("fails only the voice whose file went bad after loading, with its file named, and reads it again once repaired", async () => {
    const voices = join(dir, "bins-changed");
    await mkdir(voices);
    const a = pattern(6);
    await writeFile(join(voices, "af_one.bin"), Buffer.from(a.buffer));
    await writeFile(join(voices, "af_two.bin"), Buffer.from(pattern(7).buffer));
    const store = await loadVoices(voices);
    await writeFile(join(voices, "af_one.bin"), Buffer.alloc(100));
    expect(() => store.pack("af_one")).toThrow(VoiceFileError);
    expect(() => store.pack("af_one")).toThrow(/af_one\.bin: 100 bytes; a voice file is exactly 522240/);
    expect(store.pack("af_two").length).toBe(PACK_FLOATS);
    await rm(join(voices, "af_one.bin"));
    expect(() => store.pack("af_one")).toThrow(/af_one\.bin: ENOENT/);
    await writeFile(join(voices, "af_one.bin"), Buffer.from(a.buffer));
    expect(sameBits(store.pack("af_one"), a)).toBe(true);
  });

  it("finds an .npz cut short after loading when the voice is first used", async () => {
    const bytes = zip([["af_one.npy", npy()]]);
    const file = await fileWith(bytes);
    const store = await loadVoices(file);
    await writeFile(file, bytes.subarray(0, 2000));
    expect(() => store.pack("af_one")).toThrow(VoiceFileError);
    expect(() => store.pack("af_one")).toThrow(/case-\d+\.npz: .*(past the end|ends at byte)/);
  });
});

describe(".bin directory voices", () => {
  it("loads well-formed files and ignores other files", async () => {
    const voices = join(dir, "bins-good");
    await mkdir(voices);
    const a = pattern(3);
    await writeFile(join(voices, "af_one.bin"), Buffer.from(a.buffer));
    await writeFile(join(voices, "README.md"), "not a voice");
    const store = await loadVoices(voices);
    expect(store.names()).toEqual(["af_one"]);
    expect(sameBits(store.pack("af_one"), a)).toBe(true);
  });

  it("names a file of the wrong size or with a bad name", async () => {
    const short = join(dir, "bins-short");
    await mkdir(short);
    await writeFile(join(short, "af_one.bin"), Buffer.alloc(522_236));
    await expect(loadVoices(short)).rejects.toThrow(/af_one\.bin: 522236 bytes; a voice file is exactly 522240/);
    const badName = join(dir, "bins-bad-name");
    await mkdir(badName);
    await writeFile(join(badName, "Heart.bin"), Buffer.alloc(522_240));
    await expect(loadVoices(badName)).rejects.toThrow(/Heart\.bin: 'Heart' is not a voice name/);
    const empty = join(dir, "bins-empty");
    await mkdir(empty);
    await expect(loadVoices(empty)).rejects.toThrow(/no voices found/);
  });
});
