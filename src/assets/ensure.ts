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

export interface EnsureVoicesOptions extends EnsureCommonOptions {
  /** Which published voice files to fetch (default "npz"). */
  readonly voices?: VoiceSource;
  /** A voices `.npz` file or folder of `.bin` files the user already has: checked, not downloaded. */
  readonly voicesPath?: string;
}

/** What each local path is, and the flag and environment variable that set it, for "not found" messages. */
export const LOCAL_PATH_NAMES = {
  model: { what: "model file", from: "--model or KOKORO_MODEL" },
  voices: { what: "voices file", from: "--voices or KOKORO_VOICES" },
  lexicons: { what: "lexicons folder", from: "--lexicons or KOKORO_LEXICONS" },
} as const;

/** A local file or folder the user named does not exist (or is not what it should be). */
export class LocalAssetError extends Error {
  override readonly name = "LocalAssetError";
}

async function assertExists(file: string, { what, from }: { what: string; from: string }): Promise<void> {
  try {
    await stat(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new LocalAssetError(`${what} not found: ${file} (${from})`);
    if (code === "EACCES" || code === "EPERM") throw new LocalAssetError(`${what} cannot be read (permission denied): ${file} (${from})`);
    throw err;
  }
}

/** Checks a given model file and voices path exist; throws LocalAssetError naming the flag otherwise. */
export async function assertLocalModelAssets(paths: { readonly modelPath?: string; readonly voicesPath?: string }): Promise<void> {
  if (paths.modelPath !== undefined) await assertExists(paths.modelPath, LOCAL_PATH_NAMES.model);
  if (paths.voicesPath !== undefined) await assertExists(paths.voicesPath, LOCAL_PATH_NAMES.voices);
}

/** Checks a given lexicons folder holds the four files; throws LocalAssetError naming the missing ones. */
export async function assertLexiconDir(dir: string): Promise<LexiconPaths> {
  const { what, from } = LOCAL_PATH_NAMES.lexicons;
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new LocalAssetError(`${what} not found: ${dir} (${from})`);
  if (!info.isDirectory()) throw new LocalAssetError(`${what} ${dir} (${from}) is not a folder`);
  const paths = lexiconPathsIn(dir);
  const missing: string[] = [];
  for (const name of LEXICON_NAMES) {
    const file = await stat(paths[name]).catch(() => undefined);
    if (!file?.isFile()) missing.push(`${name}.json`);
  }
  if (missing.length > 0) {
    throw new LocalAssetError(`${what} ${dir} (${from}) lacks ${missing.join(", ")}: it must hold misaki's us_gold.json, us_silver.json, gb_gold.json and gb_silver.json`);
  }
  return paths;
}

function lexiconPathsIn(folder: string): LexiconPaths {
  return Object.fromEntries(LEXICON_NAMES.map((name) => [name, path.join(folder, `${name}.json`)])) as Record<LexiconName, string>;
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

  await assertLocalModelAssets({ modelPath, voicesPath });

  const wanted: AssetFile[] = [];
  if (modelPath === undefined) wanted.push(variant.file);
  if (voicesPath === undefined) wanted.push(...voiceFiles(voices));
  if (wanted.length > 0) await downloadSet(wanted, options);

  return {
    modelPath: modelPath ?? cachePath(cacheDir, variant.file.fileName),
    voicesPath: voicesPath ?? cachePath(cacheDir, voices === "npz" ? VOICES_NPZ.fileName : VOICE_BIN_DIR),
    variant: modelPath === undefined ? variant.name : null,
  };
}

/** Returns the voices to load (a given path, or the cached copy), downloading only the voices when missing. */
export async function ensureVoices(options: EnsureVoicesOptions): Promise<string> {
  const { voicesPath, voices = DEFAULT_VOICE_SOURCE, cacheDir } = options;
  if (voicesPath !== undefined) {
    await assertLocalModelAssets({ voicesPath });
    return voicesPath;
  }
  await downloadSet(voiceFiles(voices), options);
  return cachePath(cacheDir, voices === "npz" ? VOICES_NPZ.fileName : VOICE_BIN_DIR);
}

/** Returns the path of each misaki lexicon, downloading the missing ones into `cacheDir`. */
export async function ensureLexicons(options: EnsureLexiconOptions): Promise<LexiconPaths> {
  const { dir, cacheDir } = options;
  if (dir !== undefined) return assertLexiconDir(dir);
  const paths = lexiconPathsIn(cachePath(cacheDir, LEXICON_DIR));
  await downloadSet(
    LEXICON_NAMES.map((name) => LEXICONS[name]),
    options,
  );
  return paths;
}
