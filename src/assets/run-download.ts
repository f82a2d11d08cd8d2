// The body of `kokoro download [--variant NAME] [--voices npz|bin]`: the CLI parses flags and calls
// runDownload; formatCatalogue is what `--list` prints.
import path from "node:path";
import { resolveCacheDir } from "./cache-dir.js";
import {
  DEFAULT_VARIANT,
  DEFAULT_VOICE_SOURCE,
  MODEL_VARIANTS,
  VOICE_SOURCES,
  VOICES_NPZ,
  VOICE_BINS,
  isVoiceSource,
  type AssetFile,
} from "./catalogue.js";
import { ensureLexicons, ensureModelAssets, type LexiconPaths, type ModelAssets } from "./ensure.js";
import { formatBytes } from "./manual-download.js";
import { preflightAssets } from "./preflight.js";
import { createProgressReporter, type AssetProgress, type ProgressStream } from "./progress.js";

export interface DownloadCommandOptions {
  /** Variant name or alias; default DEFAULT_VARIANT. */
  readonly variant?: string;
  /** "npz" (default) or "bin"; anything else is an error listing both. */
  readonly voices?: string;
  /** Also fetch the misaki lexicons (default true, so the machine can then run offline). */
  readonly lexicons?: boolean;
  /** Default: resolveCacheDir(env). */
  readonly cacheDir?: string;
}

export interface DownloadCommandIO {
  /** Where the final paths go (default process.stdout). */
  readonly stdout?: NodeJS.WritableStream;
  /** Where progress goes: a bar on a TTY, lines otherwise (default process.stderr). */
  readonly stderr?: ProgressStream;
  readonly env?: NodeJS.ProcessEnv;
  readonly signal?: AbortSignal;
  readonly fetchImpl?: typeof fetch;
}

export interface DownloadSummary {
  readonly cacheDir: string;
  readonly model: ModelAssets;
  readonly lexicons?: LexiconPaths;
  /** False when everything was already in the cache. */
  readonly downloaded: boolean;
}

/** Downloads the model variant, the voices and (by default) the lexicons, then prints their paths. */
export async function runDownload(options: DownloadCommandOptions = {}, io: DownloadCommandIO = {}): Promise<DownloadSummary> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const voices = options.voices ?? DEFAULT_VOICE_SOURCE;
  if (!isVoiceSource(voices)) throw new Error(`unknown voices source "${voices}"; valid: ${VOICE_SOURCES.join(", ")}`);
  const cacheDir = options.cacheDir ?? resolveCacheDir(io.env);
  stderr.write(`cache: ${cacheDir}\n`);

  // Offline, one error lists every file still missing (model, voices and lexicons), not one kind at a time.
  await preflightAssets({
    cacheDir,
    variant: options.variant,
    voices,
    kinds: options.lexicons === false ? ["model", "voices"] : ["model", "voices", "lexicon"],
    fetchImpl: io.fetchImpl,
  });

  let downloaded = false;
  const common = { cacheDir, signal: io.signal, fetchImpl: io.fetchImpl };
  const withReporter = async <T>(work: (onProgress: (p: AssetProgress) => void) => Promise<T>): Promise<T> => {
    const reporter = createProgressReporter({ stream: stderr });
    try {
      return await work((p) => {
        downloaded = true;
        reporter.update(p);
      });
    } finally {
      reporter.finish();
    }
  };

  const model = await withReporter((onProgress) => ensureModelAssets({ ...common, variant: options.variant, voices, onProgress }));
  const lexicons =
    options.lexicons === false ? undefined : await withReporter((onProgress) => ensureLexicons({ ...common, onProgress }));

  const lines = [`model     ${model.variant ?? ""}  ${model.modelPath}`, `voices    ${voices}  ${model.voicesPath}`];
  if (lexicons) lines.push(`lexicons  misaki  ${path.dirname(lexicons.us_gold)}`);
  if (!downloaded) lines.push("(all files were already in the cache)");
  stdout.write(`${lines.join("\n")}\n`);
  return { cacheDir, model, lexicons, downloaded };
}

function sizeText(file: AssetFile): string {
  if (file.size !== undefined) return formatBytes(file.size);
  if (file.approxBytes !== undefined) return `~${formatBytes(file.approxBytes)}`;
  return "?";
}

/** The table `kokoro download --list` prints. */
export function formatCatalogue(): string {
  const rows = MODEL_VARIANTS.map((v) => {
    const name = v.name === DEFAULT_VARIANT ? `${v.name} (default)` : v.name;
    const aliases = v.aliases.length > 0 ? ` (alias ${v.aliases.join(", ")})` : "";
    const check = v.file.sha256 ? "sha256" : v.file.size !== undefined ? "size" : "none";
    return [name, sizeText(v.file), check, `${v.description}${aliases}; ${v.file.source}`];
  });
  const header = ["variant", "size", "verified", "description"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const format = (cells: string[]) => cells.map((c, i) => (i < cells.length - 1 ? c.padEnd(widths[i] ?? 0) : c)).join("  ");
  const voiceBytes = VOICE_BINS.reduce((sum, f) => sum + (f.size ?? 0), 0);
  return [
    "Model variants (kokoro download --variant NAME):",
    ...[header, ...rows].map((r) => `  ${format(r)}`),
    "",
    "Voices (kokoro download --voices npz|bin):",
    `  npz (default)  ${sizeText(VOICES_NPZ)}  one file, ${VOICES_NPZ.source}`,
    `  bin            ${formatBytes(voiceBytes)}  ${VOICE_BINS.length} files, ${VOICE_BINS[0]?.source ?? ""}`,
    "",
  ].join("\n");
}
