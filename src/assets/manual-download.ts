// Text that tells a person how to fetch files by hand when this machine cannot reach the network, or
// how to point kokoro at copies they already have.
import type { AssetKind } from "./catalogue.js";

export interface ManualFile {
  readonly url: string;
  /** Absolute path the file must end up at. */
  readonly dest: string;
  readonly size?: number;
  readonly approxBytes?: number;
  readonly sha256?: string;
  /** What the file is; with it, the message names the flag and environment variable that replace it. */
  readonly kind?: AssetKind;
}

/** The hint for model and voice files when their kind is not known. */
export const LOCAL_MODEL_HINT =
  "Or use files you already have: kokoro serve --model PATH/TO/model.onnx --voices PATH/TO/voices-v1.0.bin " +
  "(or set KOKORO_MODEL and KOKORO_VOICES).";

/** For each kind of asset: what it is, and the flag and environment variable that point at a local copy. */
export const LOCAL_ASSET_OPTIONS: Readonly<Record<AssetKind, { readonly what: string; readonly flag: string; readonly env: string; readonly copy: string }>> = {
  model: { what: "the model", flag: "--model FILE", env: "KOKORO_MODEL=FILE", copy: "a Kokoro v1.0 .onnx file you already have" },
  voices: {
    what: "the voices",
    flag: "--voices PATH",
    env: "KOKORO_VOICES=PATH",
    copy: "a voices-v1.0.bin file or a folder of per-voice .bin files you already have",
  },
  lexicon: {
    what: "the misaki lexicons",
    flag: "--lexicons DIR",
    env: "KOKORO_LEXICONS=DIR",
    copy: "a folder that already holds us_gold.json, us_silver.json, gb_gold.json and gb_silver.json (misaki's misaki/data/)",
  },
};

const KIND_ORDER: readonly AssetKind[] = ["model", "voices", "lexicon"];

/** Files of one kind listed one by one; above this, the rest are summarized (the 54 voice files). */
const MAX_LISTED = 4;

export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  if (bytes >= 1_000) return `${(bytes / 1_000).toFixed(1)} kB`;
  return `${bytes} B`;
}

function describe(file: ManualFile, indent: string): string {
  const facts: string[] = [];
  if (file.size !== undefined) facts.push(`${file.size} bytes`);
  else if (file.approxBytes !== undefined) facts.push(`about ${formatBytes(file.approxBytes)}`);
  facts.push(file.sha256 !== undefined ? `sha256 ${file.sha256}` : "no published sha256");
  return `${indent}${file.url}\n${indent}  -> save as ${file.dest}\n${indent}     (${facts.join(", ")})`;
}

function listFiles(files: readonly ManualFile[], indent: string): string[] {
  const listed = files.slice(0, MAX_LISTED).map((f) => describe(f, indent));
  const rest = files.length - listed.length;
  if (rest > 0) listed.push(`${indent}... and ${rest} more files from the same folder, saved next to the ones above`);
  return listed;
}

/** "the model, the voices and the misaki lexicons" for the kinds present in `files`. */
export function describeKinds(files: readonly ManualFile[]): string {
  const names = KIND_ORDER.filter((k) => files.some((f) => f.kind === k)).map((k) => LOCAL_ASSET_OPTIONS[k].what);
  if (names.length === 0) return files.length === 1 ? "a file" : "some files";
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names.at(-1)!}`;
}

/**
 * "Download these URLs and save them exactly here". Files that know their kind are grouped by it, each group
 * with the flag and environment variable that use a local copy instead; the others end with `hint`.
 */
export function manualDownloadInstructions(files: readonly ManualFile[], hint: string = LOCAL_MODEL_HINT): string {
  const noun = files.length === 1 ? "this file" : "these files";
  const lines = [`Download ${noun} on a machine with network access and put ${files.length === 1 ? "it" : "them"} here:`];
  for (const kind of KIND_ORDER) {
    const group = files.filter((f) => f.kind === kind);
    if (group.length === 0) continue;
    const o = LOCAL_ASSET_OPTIONS[kind];
    lines.push(`  ${o.what} (${group.length} file${group.length === 1 ? "" : "s"}), or instead ${o.flag} (or ${o.env}) with ${o.copy}:`);
    lines.push(...listFiles(group, "    "));
  }
  const untyped = files.filter((f) => f.kind === undefined);
  if (untyped.length > 0) lines.push(...listFiles(untyped, "  "), hint);
  return lines.join("\n");
}
