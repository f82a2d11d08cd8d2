// What `serve` and `kokoro download` call: make sure the model, voices and lexicons are on disk
// (downloading what is missing) and say where they are.
import { stat } from "node:fs/promises";
import path from "node:path";
import { cachePath } from "./cache-dir.js";
import {
  DEFAULT_VOICE_SOURCE,
  LEXICON_DIR,
  LEXICON_NAMES,
  LEXICONS,
  VOICE_BIN_DIR,
  VOICES_NPZ,
  findVariant,
  voiceFiles,
  type AssetFile,
  type LexiconName,
  type VoiceSource,
} from "./catalogue.js";
import { downloadSet, type DownloadSetOptions } from "./download-set.js";
import { LOCAL_MODEL_HINT } from "./manual-download.js";

/** Cache dir, progress, abort, fetch and download tuning, shared by both ensure functions. */
export type EnsureCommonOptions = Omit<DownloadSetOptions, "hint">;

export interface EnsureModelOptions extends EnsureCommonOptions {
  /** Catalogue variant name or alias (default DEFAULT_VARIANT); see variantNames(). */
  readonly variant?: string;
  /** Which published voice files to fetch (default "npz"). */
  readonly voices?: VoiceSource;
  /** A model file the user already has: it is checked to exist and not downloaded. */
  readonly modelPath?: string;
  /** A voices `.npz` file or folder of `.bin` files the user already has. */
  readonly voicesPath?: string;
}

export interface ModelAssets {
  readonly modelPath: string;
  /** The `.npz` file, or the folder of per-voice `.bin` files. */
  readonly voicesPath: string;
  /** Canonical catalogue variant name; null when `modelPath` was given. */
  readonly variant: string | null;
}

export type LexiconPaths = Readonly<Record<LexiconName, string>>;

export interface EnsureLexiconOptions extends EnsureCommonOptions {
  /** A folder that already holds the four `<name>.json` files: checked, not downloaded. */
  readonly dir?: string;
}

const LEXICON_HINT =
  "Or use a folder that already holds us_gold.json, us_silver.json, gb_gold.json and gb_silver.json (misaki's misaki/data/).";

async function assertExists(file: string, what: string): Promise<void> {
  try {
    await stat(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new Error(`${what} not found: ${file}`);
    throw err;
  }
}

/**
 * Returns the model and voices to load, downloading the missing ones into `cacheDir`. Throws
 * UnknownVariantError for an unknown variant (its message lists the valid names) and
 * NetworkUnavailableError, listing what to download and where, when offline.
 */
export async function ensureModelAssets(options: EnsureModelOptions): Promise<ModelAssets> {
  const { modelPath, voicesPath, voices = DEFAULT_VOICE_SOURCE, cacheDir } = options;
  // Validate the name even when a local model is given, so a typo never goes unnoticed.
  const variant = findVariant(options.variant);

  if (modelPath !== undefined) await assertExists(modelPath, "model file (--model)");
  if (voicesPath !== undefined) await assertExists(voicesPath, "voices (--voices)");

  const wanted: AssetFile[] = [];
  if (modelPath === undefined) wanted.push(variant.file);
  if (voicesPath === undefined) wanted.push(...voiceFiles(voices));
  if (wanted.length > 0) await downloadSet(wanted, { ...options, hint: LOCAL_MODEL_HINT });

  return {
    modelPath: modelPath ?? cachePath(cacheDir, variant.file.fileName),
    voicesPath: voicesPath ?? cachePath(cacheDir, voices === "npz" ? VOICES_NPZ.fileName : VOICE_BIN_DIR),
    variant: modelPath === undefined ? variant.name : null,
  };
}

/** Returns the path of each misaki lexicon, downloading the missing ones into `cacheDir`. */
export async function ensureLexicons(options: EnsureLexiconOptions): Promise<LexiconPaths> {
  const { dir, cacheDir } = options;
  const folder = dir ?? cachePath(cacheDir, LEXICON_DIR);
  const paths = Object.fromEntries(LEXICON_NAMES.map((name) => [name, path.join(folder, `${name}.json`)])) as Record<
    LexiconName,
    string
  >;

  if (dir !== undefined) {
    for (const name of LEXICON_NAMES) await assertExists(paths[name], `lexicon ${name}`);
    return paths;
  }
  await downloadSet(
    LEXICON_NAMES.map((name) => LEXICONS[name]),
    { ...options, hint: LEXICON_HINT },
  );
  return paths;
}
