import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_VARIANT,
  HF_REVISION,
  LEXICONS,
  LEXICON_NAMES,
  MODEL_VARIANTS,
  UnknownVariantError,
  VOICES_NPZ,
  VOICE_BINS,
  VOICE_BIN_SIZE,
  findVariant,
  variantNames,
  type AssetFile,
} from "../../src/assets/catalogue.js";

const SHARED = fileURLToPath(new URL("../../../shared/data/", import.meta.url));

async function sha256Of(file: string): Promise<string> {
  return createHash("sha256").update(await readFile(file)).digest("hex");
}

const ALL: AssetFile[] = [...MODEL_VARIANTS.map((v) => v.file), VOICES_NPZ, ...VOICE_BINS, ...Object.values(LEXICONS)];

describe("catalogue", () => {
  it("has well-formed entries: 64-hex sha256, positive sizes, https URLs, unique ids and paths", () => {
    for (const file of ALL) {
      if (file.sha256 !== undefined) expect(file.sha256, file.id).toMatch(/^[0-9a-f]{64}$/);
      if (file.size !== undefined) expect(Number.isSafeInteger(file.size) && file.size > 0, file.id).toBe(true);
      expect(new URL(file.url).protocol, file.id).toBe("https:");
      expect(file.fileName, file.id).not.toMatch(/^\/|\.\.|\\/);
    }
    expect(new Set(ALL.map((f) => f.id)).size).toBe(ALL.length);
    expect(new Set(ALL.map((f) => f.fileName)).size).toBe(ALL.length);
  });

  it("has unique variant names and aliases, and a default that exists", () => {
    const names = MODEL_VARIANTS.flatMap((v) => [v.name, ...v.aliases]);
    expect(new Set(names).size).toBe(names.length);
    expect(findVariant().name).toBe(DEFAULT_VARIANT);
    expect(MODEL_VARIANTS.map((v) => v.name)).toEqual(
      expect.arrayContaining(["fp32", "fp16", "q8", "q8f16", "uint8", "uint8f16", "q4", "q4f16", "v1.0-fp32", "v1.0-fp16", "v1.0-int8"]),
    );
  });

  it("pins the onnx-community files to one revision", () => {
    for (const file of [...MODEL_VARIANTS.map((v) => v.file), ...VOICE_BINS]) {
      if (file.url.includes("huggingface.co")) expect(file.url, file.id).toContain(`/resolve/${HF_REVISION}/`);
    }
  });

  it("finds variants by alias and case, and lists valid names for an unknown one", () => {
    expect(findVariant("quantized").name).toBe("q8");
    expect(findVariant("FP16").name).toBe("fp16");
    expect(() => findVariant("q9")).toThrow(UnknownVariantError);
    expect(() => findVariant("q9")).toThrow(/unknown model variant "q9"; valid variants: fp32, fp16, q8,.*v1\.0-int8, quantized \(= q8\)/);
    expect(variantNames()).toContain("v1.0-int8");
  });

  it("lists the 54 voice .bin files, each matching the real file in ../shared/data/voices", async () => {
    expect(VOICE_BINS).toHaveLength(54);
    for (const file of VOICE_BINS) {
      const local = `${SHARED}voices/${file.url.split("/").at(-1) ?? ""}`;
      expect(file.size).toBe(VOICE_BIN_SIZE);
      expect((await stat(local)).size, file.id).toBe(file.size);
      expect(await sha256Of(local), file.id).toBe(file.sha256);
    }
  });

  it("has the published size and sha256 of voices-v1.0.bin, matching ../shared/data/voices-v1.0.bin", async () => {
    const local = `${SHARED}voices-v1.0.bin`;
    expect((await stat(local)).size).toBe(VOICES_NPZ.size);
    expect(await sha256Of(local)).toBe(VOICES_NPZ.sha256);
  });

  it("has the size and sha256 of each misaki lexicon, matching ../shared/data/misaki", async () => {
    for (const name of LEXICON_NAMES) {
      const file = LEXICONS[name];
      const local = `${SHARED}misaki/${name}.json`;
      expect(file.url).toMatch(new RegExp(`/misaki/data/${name}\\.json$`));
      expect((await stat(local)).size, name).toBe(file.size);
      expect(await sha256Of(local), name).toBe(file.sha256);
    }
  });
});
