// One start-up check of every asset a server needs (model, voices, the four misaki lexicons), before
// anything is loaded: local paths that were given must exist, and what is missing from the cache must be
// downloadable. Offline, or with downloading off, the error lists every missing file at once, each with
// its URL, sha256, place in the cache and the flag / environment variable that points at a local copy.
import { cachePath } from "./cache-dir.js";
import { DEFAULT_VOICE_SOURCE, LEXICON_NAMES, LEXICONS, findVariant, voiceFiles, type AssetFile, type AssetKind, type VoiceSource } from "./catalogue.js";
import { AssetsMissingError, NetworkUnavailableError } from "./download-errors.js";
import { assertLexiconDir, assertLocalModelAssets, LocalAssetError } from "./ensure.js";
import { checkInstalled } from "./installed-file.js";
import type { ManualFile } from "./manual-download.js";

export interface PreflightOptions {
  readonly cacheDir: string;
  /** Catalogue variant (default DEFAULT_VARIANT); validated even when `modelPath` is given. */
  readonly variant?: string;
  readonly voices?: VoiceSource;
  /** Local copies the user named (flags, environment, config file): checked, never downloaded. */
  readonly modelPath?: string;
  readonly voicesPath?: string;
  readonly lexiconDir?: string;
  /** The kinds of asset to check (default all: model, voices and lexicons). */
  readonly kinds?: readonly AssetKind[];
  /** Whether missing files may be downloaded (config `autoDownload`, default true). */
  readonly autoDownload?: boolean;
  readonly fetchImpl?: typeof fetch;
  /** How long a download host may take to answer the reachability probe (default 10 s). */
  readonly probeTimeoutMs?: number;
}

const ALL_KINDS: readonly AssetKind[] = ["model", "voices", "lexicon"];

/** The catalogue files missing from (or damaged in) the cache, each with where it must go. */
export async function missingAssets(options: PreflightOptions): Promise<ManualFile[]> {
  const { cacheDir, voices = DEFAULT_VOICE_SOURCE, kinds = ALL_KINDS } = options;
  const wanted: AssetFile[] = [];
  if (kinds.includes("model") && options.modelPath === undefined) wanted.push(findVariant(options.variant).file);
  if (kinds.includes("voices") && options.voicesPath === undefined) wanted.push(...voiceFiles(voices));
  if (kinds.includes("lexicon") && options.lexiconDir === undefined) wanted.push(...LEXICON_NAMES.map((n) => LEXICONS[n]));
  const missing: ManualFile[] = [];
  for (const file of wanted) {
    const dest = cachePath(cacheDir, file.fileName);
    if ((await checkInstalled(dest, { size: file.size, sha256: file.sha256 })).state === "ok") continue;
    missing.push({ url: file.url, dest, size: file.size, approxBytes: file.approxBytes, sha256: file.sha256, kind: file.kind });
  }
  return missing;
}

/**
 * Resolves when everything the server needs is on disk or can be downloaded. Throws LocalAssetError for a
 * given path that does not exist, UnknownVariantError, AssetsMissingError (files missing, downloading off)
 * or NetworkUnavailableError (files missing, their hosts unreachable), the last two listing every file.
 */
export async function preflightAssets(options: PreflightOptions): Promise<{ readonly missing: readonly ManualFile[] }> {
  const kinds = options.kinds ?? ALL_KINDS;
  if (kinds.includes("model")) findVariant(options.variant);
  // Every local path that is wrong, in one error.
  const checks = [
    kinds.includes("model") ? assertLocalModelAssets({ modelPath: options.modelPath }) : undefined,
    kinds.includes("voices") ? assertLocalModelAssets({ voicesPath: options.voicesPath }) : undefined,
    kinds.includes("lexicon") && options.lexiconDir !== undefined ? assertLexiconDir(options.lexiconDir) : undefined,
  ];
  const problems = (await Promise.allSettled(checks)).flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) {
    if (problems.every((p) => p instanceof LocalAssetError)) throw new LocalAssetError(problems.map((p) => (p as Error).message).join("; "));
    throw problems.find((p) => !(p instanceof LocalAssetError));
  }
  const missing = await missingAssets(options);
  if (missing.length === 0) return { missing };
  if (options.autoDownload === false) throw new AssetsMissingError(missing);
  const unreachable = await probeHosts(
    missing.map((f) => f.url),
    options.fetchImpl ?? fetch,
    options.probeTimeoutMs ?? 10_000,
  );
  if (unreachable) throw new NetworkUnavailableError(missing, undefined, { cause: unreachable });
  return { missing };
}

/**
 * Asks each download host for the head of one of its URLs (no redirects followed, no body). Any HTTP
 * answer counts as reachable; the first host that cannot be connected to gives the error returned.
 */
async function probeHosts(urls: readonly string[], fetchImpl: typeof fetch, timeoutMs: number): Promise<unknown> {
  const byHost = new Map<string, string>();
  for (const url of urls) {
    const host = new URL(url).host;
    if (!byHost.has(host)) byHost.set(host, url);
  }
  const results = await Promise.all(
    [...byHost.values()].map(async (url) => {
      try {
        const res = await fetchImpl(url, { method: "HEAD", redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
        await res.body?.cancel();
        return undefined;
      } catch (err) {
        return err ?? new Error("unreachable");
      }
    }),
  );
  return results.find((r) => r !== undefined);
}
