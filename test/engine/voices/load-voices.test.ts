import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, it, expect } from "vitest";
import { loadVoices, OPENAI_VOICES } from "../../../src/engine/voices/index.js";
import { STYLE_DIM, STYLE_ROWS } from "../../../src/model/contract.js";

// The real voice data lives beside the checkout, in ../shared/data (see the design notes).
const DATA = new URL("../../../../shared/data/", import.meta.url);
const BIN_DIR = fileURLToPath(new URL("voices", DATA));
const NPZ = fileURLToPath(new URL("voices-v1.0.bin", DATA));

const fromDir = await loadVoices(BIN_DIR);
const fromNpz = await loadVoices(NPZ);

function resolved(request: string) {
  const result = fromDir.resolve(request);
  if (!result.ok) throw new Error(result.message);
  return result.voice;
}

describe("loadVoices", () => {
  it("loads the same 54 voices from the .bin directory and the .npz, bit for bit", () => {
    expect(fromDir.size).toBe(54);
    expect(fromNpz.names()).toEqual(fromDir.names());
    for (const name of fromDir.names()) {
      const a = fromDir.pack(name);
      const b = fromNpz.pack(name);
      const same = Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
      expect(same, name).toBe(true);
    }
  });

  it("lists names sorted, with language and gender from the name", () => {
    const names = fromNpz.names();
    expect(names).toEqual([...names].sort());
    expect(names.slice(0, 3)).toEqual(["af_alloy", "af_aoede", "af_bella"]);
    expect(fromNpz.info("af_heart")).toEqual({ name: "af_heart", language: "en-us", gender: "female" });
    expect(fromNpz.info("bm_george")).toEqual({ name: "bm_george", language: "en-gb", gender: "male" });
    expect(fromNpz.info("zm_yunxi").language).toBe("zh");
    expect(fromNpz.info("pf_dora").language).toBe("pt-br");
    expect(new Set(fromNpz.list().map((v) => v.language)).size).toBe(9);
  });

  it("serves af_heart rows 0 and 509 exactly as in the raw file", () => {
    const raw = readFileSync(new URL("voices/af_heart.bin", DATA));
    const heart = resolved("af_heart");
    for (const row of [0, 1, 255, STYLE_ROWS - 1]) {
      const expected = Array.from({ length: STYLE_DIM }, (_, col) => raw.readFloatLE((row * STYLE_DIM + col) * 4));
      expect(Array.from(fromDir.styleFor(heart, row)), `row ${row}`).toEqual(expected);
      expect(Array.from(fromNpz.styleFor(heart, row)), `row ${row}`).toEqual(expected);
    }
  });

  it("maps all 13 OpenAI voice names to loaded voices", () => {
    expect(OPENAI_VOICES.map((v) => v.openai).sort()).toEqual(
      ["alloy", "ash", "ballad", "coral", "echo", "fable", "nova", "onyx", "sage", "shimmer", "verse", "marin", "cedar"].sort(),
    );
    for (const { openai, kokoro } of OPENAI_VOICES) {
      expect(fromNpz.has(kokoro), kokoro).toBe(true);
      const result = fromNpz.resolve(openai);
      expect(result.ok && result.voice.id).toBe(kokoro);
    }
  });

  it("rejects a path that is neither a directory nor an .npz", async () => {
    await expect(loadVoices(fileURLToPath(new URL("voices/README.md", DATA)))).rejects.toThrow(/neither a directory/);
    await expect(loadVoices(fileURLToPath(new URL("no-such-voices", DATA)))).rejects.toThrow(/ENOENT/);
  });
});
