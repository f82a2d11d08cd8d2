// The catalogue of published Kokoro v1.0 files the server can fetch: model variants, voices, lexicons.
//
// Figures come from ../shared/reference/kokoro-internals.md (§1.1, §1.2, §3, §5.2, Appendix A) and
// ../shared/data/{voices,misaki}/SHA256SUMS. Evidence tags as there: [V] verified on a project machine,
// [T] a third-party statement. `size` and `sha256` are only set where the reference gives an exact
// figure; when both are absent, a download is accepted on HTTP success (and the server's
// Content-Length). `approxBytes` is a rounded figure from release notes, used only in messages.
import { VOICE_BIN_SHA256 } from "./voice-checksums.js";

export type AssetKind = "model" | "voices" | "lexicon";

export interface AssetFile {
  /** Stable id, e.g. "model:q8", "voices:npz", "voice:af_heart", "lexicon:us_gold". */
  readonly id: string;
  readonly kind: AssetKind;
  /** Path inside the cache dir, with "/" separators. */
  readonly fileName: string;
  readonly url: string;
  /** Exact size in bytes, where published. */
  readonly size?: number;
  /** Rounded size for messages ("about 88 MB"); never used to verify. */
  readonly approxBytes?: number;
  /** Lowercase hex sha256, where published. */
  readonly sha256?: string;
  /** Where the file comes from, for people. */
  readonly source: string;
}

export interface ModelVariant {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly description: string;
  readonly file: AssetFile;
}

export type VoiceSource = "npz" | "bin";

export const VOICE_SOURCES: readonly VoiceSource[] = ["npz", "bin"];

export type LexiconName = "us_gold" | "us_silver" | "gb_gold" | "gb_silver";

export const LEXICON_NAMES: readonly LexiconName[] = ["us_gold", "us_silver", "gb_gold", "gb_silver"];

// onnx-community/Kokoro-82M-v1.0-ONNX, pinned to the revision the reference saw as `main`, so the
// published checksums keep matching the bytes behind the URL.
export const HF_REPO = "onnx-community/Kokoro-82M-v1.0-ONNX";
export const HF_REVISION = "1939ad2a8e416c0acfeecc08a694d14ef25f2231";
const HF_BASE = `https://huggingface.co/${HF_REPO}/resolve/${HF_REVISION}`;
const HF_SOURCE = `Hugging Face ${HF_REPO} @ ${HF_REVISION.slice(0, 7)}`;

// thewh1teagle/kokoro-onnx GitHub release `model-files-v1.0` (28 Jan 2025).
const RELEASE_TAG = "model-files-v1.0";
const RELEASE_BASE = `https://github.com/thewh1teagle/kokoro-onnx/releases/download/${RELEASE_TAG}`;
const RELEASE_SOURCE = `GitHub thewh1teagle/kokoro-onnx release ${RELEASE_TAG}`;
const RELEASE_DIR = `kokoro-onnx/${RELEASE_TAG}`;

// hexgrad/misaki `misaki/data/`, pinned to the commit of ../shared/data/misaki/.
const MISAKI_COMMIT = "fba1236595f2d2bf21d414ba6e57d25256afada3";
const MISAKI_BASE = `https://raw.githubusercontent.com/hexgrad/misaki/${MISAKI_COMMIT}/misaki/data`;
const MISAKI_SOURCE = `GitHub hexgrad/misaki @ ${MISAKI_COMMIT.slice(0, 7)}`;

const MB = 1_000_000;

interface HfModelFacts {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly path: string;
  readonly description: string;
  readonly size?: number;
  readonly approxBytes?: number;
  readonly sha256?: string;
}

function hfModel(facts: HfModelFacts): ModelVariant {
  const { name, aliases = [], path, description, size, approxBytes, sha256 } = facts;
  return {
    name,
    aliases,
    description,
    file: {
      id: `model:${name}`,
      kind: "model",
      fileName: `${HF_REPO}/${path}`,
      url: `${HF_BASE}/${path}`,
      size,
      approxBytes,
      sha256,
      source: HF_SOURCE,
    },
  };
}

function releaseModel(name: string, file: string, description: string, extra: Partial<AssetFile>): ModelVariant {
  return {
    name,
    aliases: [],
    description,
    file: {
      id: `model:${name}`,
      kind: "model",
      fileName: `${RELEASE_DIR}/${file}`,
      url: `${RELEASE_BASE}/${file}`,
      source: RELEASE_SOURCE,
      ...extra,
    },
  };
}

export const MODEL_VARIANTS: readonly ModelVariant[] = [
  // Size: nico-martin/kitt constants.ts [T]. No published sha256.
  hfModel({ name: "fp32", path: "onnx/model.onnx", description: "full precision", size: 325_532_232 }),
  // sha256: HF page skillsafe-ai/kokoro-82m, upstream @1939ad2 [T]; "155.67 MB" from the same page.
  hfModel({
    name: "fp16",
    path: "onnx/model_fp16.onnx",
    description: "half precision weights",
    approxBytes: 155_670_000,
    sha256: "ba4527a874b42b21e35f468c10d326fdff3c7fc8cac1f85e9eb6c0dfc35c334a",
  }),
  // sha256: HF page skillsafe-ai/kokoro-82m, upstream @1939ad2 [T]; "88.08 MB" from the same page.
  hfModel({
    name: "q8",
    aliases: ["quantized"],
    path: "onnx/model_quantized.onnx",
    description: "8-bit dynamic quantization, kokoro-js's CPU default",
    approxBytes: 88_080_000,
    sha256: "fbae9257e1e05ffc727e951ef9b9c98418e6d79f1c9b6b13bd59f5c9028a1478",
  }),
  // sha256 and "86 MB": the HF blob page [T].
  hfModel({
    name: "q8f16",
    path: "onnx/model_q8f16.onnx",
    description: "8-bit weights, fp16 elsewhere",
    approxBytes: 86 * MB,
    sha256: "04c658aec1b6008857c2ad10f8c589d4180d0ec427e7e6118ceb487e215c3cd0",
  }),
  // No v1.0 figures were read for the next four; approxBytes are the v0.19 repo's sizes [T].
  hfModel({ name: "uint8", path: "onnx/model_uint8.onnx", description: "unsigned 8-bit quantization", approxBytes: 177 * MB }),
  hfModel({ name: "uint8f16", path: "onnx/model_uint8f16.onnx", description: "unsigned 8-bit weights, fp16 elsewhere", approxBytes: 114 * MB }),
  hfModel({ name: "q4", path: "onnx/model_q4.onnx", description: "4-bit MatMul weights", approxBytes: 305 * MB }),
  hfModel({ name: "q4f16", path: "onnx/model_q4f16.onnx", description: "4-bit MatMul weights, fp16 elsewhere", approxBytes: 154 * MB }),
  // sha256: HF mirror ExNihilus/kokoro-onnx [T]; "310 MB": release notes.
  releaseModel("v1.0-fp32", "kokoro-v1.0.onnx", "kokoro-onnx optimized fp32 (taylorchu export)", {
    approxBytes: 310 * MB,
    sha256: "7d5df8ecf7d4b1878015a32686053fd0eebe2bc377234608764cc0ef3636a6c5",
  }),
  // "169 MB": release notes. No published sha256 or exact size.
  releaseModel("v1.0-fp16", "kokoro-v1.0.fp16.onnx", "kokoro-onnx fp16", { approxBytes: 169 * MB }),
  // Size: a third-party pin [T]; "88 MB": release notes. No published sha256.
  releaseModel("v1.0-int8", "kokoro-v1.0.int8.onnx", "kokoro-onnx int8", { size: 92_361_271, approxBytes: 88 * MB }),
];

/**
 * Default for CPU serving: q8. It is the file kokoro-js loads for CPU (wasm) inference, a quarter of
 * the fp32 download (88 MB), int8 MatMul/Conv kernels are ONNX Runtime's fast path on x86 and ARM
 * CPUs (fp16 files mostly run through casts on CPU), and its sha256 is published, so the download is
 * verified. Choose fp32 for the last bit of quality; measure speed with `bench/` on the target machine.
 */
export const DEFAULT_VARIANT = "q8";

/** The single npz is one request and has a verified published checksum. */
export const DEFAULT_VOICE_SOURCE: VoiceSource = "npz";

// Published with the release: 28,214,398 bytes, sha256 bca610b8… (reproduced exactly on a project
// machine [V], kokoro-internals.md §1.2 and §3).
export const VOICES_NPZ: AssetFile = {
  id: "voices:npz",
  kind: "voices",
  fileName: `${RELEASE_DIR}/voices-v1.0.bin`,
  url: `${RELEASE_BASE}/voices-v1.0.bin`,
  size: 28_214_398,
  sha256: "bca610b8308e8d99f32e6fe4197e7ec01679264efed0cac9140fe9c29f1fbf7d",
  source: RELEASE_SOURCE,
};

/** Folder (inside the cache dir) that holds the per-voice `.bin` files. */
export const VOICE_BIN_DIR = `${HF_REPO}/voices`;

/** Every per-voice file is raw float32 [510, 1, 256]: 522,240 bytes ([V], §3). */
export const VOICE_BIN_SIZE = 522_240;

export const VOICE_BINS: readonly AssetFile[] = Object.entries(VOICE_BIN_SHA256).map(([name, sha256]) => ({
  id: `voice:${name}`,
  kind: "voices",
  fileName: `${VOICE_BIN_DIR}/${name}.bin`,
  url: `${HF_BASE}/voices/${name}.bin`,
  size: VOICE_BIN_SIZE,
  sha256,
  source: HF_SOURCE,
}));

// Sizes from kokoro-internals.md §5.2 [V]; sha256 from ../shared/data/misaki/SHA256SUMS [V].
const LEXICON_FACTS: Readonly<Record<LexiconName, { size: number; sha256: string }>> = {
  us_gold: { size: 3_000_469, sha256: "dc414872a49a28ae6c141463d502fd945f3b2fde040484fdc47d00cc4612686f" },
  us_silver: { size: 3_099_517, sha256: "de8f67be911bb6c659187b4a65fd966b6a30e56350e0f790d763210b053ac475" },
  gb_gold: { size: 2_838_552, sha256: "29e62f4b60261c88f7f3c2c7811ca3825978948090b72d2b27d565b729282f71" },
  gb_silver: { size: 3_663_898, sha256: "48131e2d92ccc41655f4543e87e0f938e71463eb5a54be7f0693bb712ebb6bce" },
};

/** Folder (inside the cache dir) that holds the misaki lexicons. */
export const LEXICON_DIR = "misaki";

export const LEXICONS: Readonly<Record<LexiconName, AssetFile>> = Object.fromEntries(
  LEXICON_NAMES.map((name) => [
    name,
    {
      id: `lexicon:${name}`,
      kind: "lexicon",
      fileName: `${LEXICON_DIR}/${name}.json`,
      url: `${MISAKI_BASE}/${name}.json`,
      ...LEXICON_FACTS[name],
      source: MISAKI_SOURCE,
    },
  ]),
) as Record<LexiconName, AssetFile>;

export class UnknownVariantError extends Error {
  constructor(readonly requested: string) {
    super(`unknown model variant "${requested}"; valid variants: ${variantNames().join(", ")}`);
    this.name = "UnknownVariantError";
  }
}

/** Every accepted name: canonical names, then "alias (= name)". */
export function variantNames(): string[] {
  const names = MODEL_VARIANTS.map((v) => v.name);
  const aliases = MODEL_VARIANTS.flatMap((v) => v.aliases.map((a) => `${a} (= ${v.name})`));
  return [...names, ...aliases];
}

/** Looks a variant up by name or alias (case-insensitive); throws UnknownVariantError. */
export function findVariant(name: string = DEFAULT_VARIANT): ModelVariant {
  const key = name.trim().toLowerCase();
  const found = MODEL_VARIANTS.find((v) => v.name.toLowerCase() === key || v.aliases.includes(key));
  if (!found) throw new UnknownVariantError(name);
  return found;
}

export function isVoiceSource(value: string): value is VoiceSource {
  return (VOICE_SOURCES as readonly string[]).includes(value);
}

/** The files of a voice source: one npz, or the 54 per-voice `.bin` files. */
export function voiceFiles(source: VoiceSource): readonly AssetFile[] {
  return source === "npz" ? [VOICES_NPZ] : VOICE_BINS;
}
