// `kokoro serve --demo`: try the server without downloading the real weights. The model is the small
// fixture graph `npm run fixtures` writes (it turns each phoneme token into a tone, so what you hear is
// tones, not speech); the voices and lexicons are real ones found next to the checkout (../shared/data),
// or in the cache when `kokoro download` already put them there. Nothing is downloaded.
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cachePath, LEXICON_NAMES, VOICE_SOURCES, type VoiceSource } from "../assets/index.js";
import { LEXICON_DIR, VOICE_BIN_DIR, VOICES_NPZ } from "../assets/catalogue.js";
import { CliError } from "./errors.js";

/** The package root: the folder with package.json (this file is src/cli/ or dist/cli/ under it). */
export const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The light fixture model: input_ids/style/speed -> waveform, cheap to run, its audio decodable by the tests. */
export const DEMO_MODEL = path.join(PACKAGE_ROOT, "test", "fixtures", "kokoro-fixture.onnx");
const SHARED_DATA = path.resolve(PACKAGE_ROOT, "..", "shared", "data");

export interface DemoAssets {
  readonly model: string;
  readonly voices: string;
  readonly lexicons: string;
}

const isFile = (p: string): boolean => existsSync(p) && statSync(p).isFile();
const isDir = (p: string): boolean => existsSync(p) && statSync(p).isDirectory();
const hasLexicons = (dir: string): boolean => LEXICON_NAMES.every((n) => isFile(path.join(dir, `${n}.json`)));

/**
 * The demo's model, voices and lexicons. `voices` / `lexicons`, when given (flags, KOKORO_*), are used as
 * they are; otherwise the shared data next to the checkout, then the cache. Throws a CliError naming
 * everything that is missing, and how to get it.
 */
export function resolveDemoAssets(given: { voices?: string; lexicons?: string; cacheDir: string }): DemoAssets {
  const problems: string[] = [];
  const fixture = path.relative(PACKAGE_ROOT, DEMO_MODEL).split(path.sep).join("/");
  if (!isFile(DEMO_MODEL)) problems.push(`the fixture model ${fixture} is missing: run \`npm run fixtures\` first (in ${PACKAGE_ROOT.replace(/[\\/]$/, "")})`);

  const voiceCandidates = [path.join(SHARED_DATA, "voices-v1.0.bin"), path.join(SHARED_DATA, "voices"), ...VOICE_SOURCES.map((s) => cachedVoices(given.cacheDir, s))];
  const voices = given.voices ?? voiceCandidates.find((p) => isFile(p) || (isDir(p) && hasVoiceBins(p)));
  if (voices === undefined) {
    problems.push(
      `no voices found (looked in ${voiceCandidates.join(", ")}): pass --voices PATH (a voices-v1.0.bin file or a folder of .bin voices) or run \`kokoro download --no-lexicons\``,
    );
  }

  const lexiconCandidates = [path.join(SHARED_DATA, "misaki"), cachePath(given.cacheDir, LEXICON_DIR)];
  const lexicons = given.lexicons ?? lexiconCandidates.find(hasLexicons);
  if (lexicons === undefined) {
    problems.push(
      `no misaki lexicons found (looked in ${lexiconCandidates.join(", ")}): pass --lexicons DIR (a folder with us_gold.json, us_silver.json, gb_gold.json and gb_silver.json) or run \`kokoro download\``,
    );
  }

  if (problems.length > 0) throw new CliError(`serve --demo cannot start: ${problems.join("; ")}`);
  return { model: DEMO_MODEL, voices: voices!, lexicons: lexicons! };
}

function cachedVoices(cacheDir: string, source: VoiceSource): string {
  return cachePath(cacheDir, source === "npz" ? VOICES_NPZ.fileName : VOICE_BIN_DIR);
}

function hasVoiceBins(dir: string): boolean {
  return isFile(path.join(dir, "af_heart.bin"));
}
