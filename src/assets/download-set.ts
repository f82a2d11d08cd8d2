// Installs a set of catalogue files into the cache: only the missing ones are fetched, a few at a
// time, with one combined progress; when the network is unreachable the error lists every file
// still missing, with where each must go.
import path from "node:path";
import { cachePath } from "./cache-dir.js";
import type { AssetFile } from "./catalogue.js";
import { downloadFile } from "./download.js";
import { NetworkUnavailableError } from "./download-errors.js";
import { checkInstalled } from "./installed-file.js";
import type { ManualFile } from "./manual-download.js";
import type { AssetProgress } from "./progress.js";

export interface DownloadSetOptions {
  readonly cacheDir: string;
  readonly onProgress?: (progress: AssetProgress) => void;
  readonly signal?: AbortSignal;
  readonly fetchImpl?: typeof fetch;
  /** Last line of the offline message. */
  readonly hint?: string;
  /** Files fetched at once (default 4; the 54 small voice files gain from it). */
  readonly concurrency?: number;
  /** Passed on to downloadFile (tests shorten them). */
  readonly retries?: number;
  readonly retryDelayMs?: number;
  readonly idleTimeoutMs?: number;
}

export interface DownloadSetResult {
  /** Absolute path of each file, by catalogue id. */
  readonly paths: ReadonlyMap<string, string>;
  /** Catalogue ids that were fetched (the rest were already installed). */
  readonly downloaded: readonly string[];
}

function expectedOf(file: AssetFile) {
  return { size: file.size, sha256: file.sha256 };
}

/** Ensures every file of `files` is installed under `cacheDir`. */
export async function downloadSet(files: readonly AssetFile[], options: DownloadSetOptions): Promise<DownloadSetResult> {
  const { cacheDir } = options;
  const paths = new Map(files.map((f) => [f.id, cachePath(cacheDir, f.fileName)] as const));
  const destOf = (f: AssetFile) => paths.get(f.id) ?? cachePath(cacheDir, f.fileName);

  const missing: AssetFile[] = [];
  for (const file of files) {
    if ((await checkInstalled(destOf(file), expectedOf(file))).state !== "ok") missing.push(file);
  }
  if (missing.length === 0) return { paths, downloaded: [] };

  const progress = new CombinedProgress(missing, options.onProgress);
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const done = new Set<string>();
  const failures: unknown[] = [];
  let next = 0;

  const worker = async () => {
    while (next < missing.length && failures.length === 0) {
      const index = next++;
      const file = missing[index];
      if (!file) break;
      try {
        const dest = destOf(file);
        const result = await downloadFile({
          url: file.url,
          dest,
          sha256: file.sha256,
          size: file.size,
          approxBytes: file.approxBytes,
          onProgress: (p) => progress.file(index, p.bytesDone, p.bytesTotal),
          signal,
          fetchImpl: options.fetchImpl,
          hint: options.hint,
          retries: options.retries,
          retryDelayMs: options.retryDelayMs,
          idleTimeoutMs: options.idleTimeoutMs,
        });
        done.add(file.id);
        progress.fileDone(index, result.bytes);
      } catch (err) {
        // The first failure stops the others; later ones are mostly our own abort.
        if (failures.length === 0) stop.abort(err);
        failures.push(err);
      }
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, missing.length));
  await Promise.all(Array.from({ length: workers }, worker));

  const [first] = failures;
  if (failures.length === 0) return { paths, downloaded: missing.map((f) => f.id) };
  if (first instanceof NetworkUnavailableError) {
    const left: ManualFile[] = missing
      .filter((f) => !done.has(f.id))
      .map((f) => ({ url: f.url, dest: destOf(f), size: f.size, approxBytes: f.approxBytes, sha256: f.sha256, kind: f.kind }));
    throw new NetworkUnavailableError(left, options.hint, { cause: first.cause });
  }
  throw first;
}

/** Sums per-file progress; a file's total is its catalogue size or estimate until the server says. */
class CombinedProgress {
  private readonly done: number[];
  private readonly totals: (number | undefined)[];
  private filesDone = 0;

  constructor(
    private readonly files: readonly AssetFile[],
    private readonly onProgress: ((progress: AssetProgress) => void) | undefined,
  ) {
    this.done = files.map(() => 0);
    this.totals = files.map((f) => f.size ?? f.approxBytes);
  }

  file(index: number, bytesDone: number, bytesTotal: number | undefined): void {
    this.done[index] = bytesDone;
    if (bytesTotal !== undefined) this.totals[index] = bytesTotal;
    this.emit(index);
  }

  fileDone(index: number, bytes: number): void {
    this.filesDone += 1;
    // A file whose size was only estimated is now exactly known.
    this.done[index] = bytes;
    this.totals[index] = bytes;
    this.emit(index);
  }

  private emit(index: number): void {
    if (!this.onProgress) return;
    const bytesDone = this.done.reduce((a, b) => a + b, 0);
    const known = this.totals.every((t) => t !== undefined);
    const bytesTotal = known ? this.totals.reduce<number>((a, b) => a + (b ?? 0), 0) : undefined;
    // 1 only once every file is verified and installed, not when the last byte arrives.
    const cap = this.filesDone === this.files.length ? 1 : 0.999;
    const fraction = bytesTotal ? Math.min(cap, bytesDone / bytesTotal) : undefined;
    const fileName = path.posix.basename(this.files[index]?.fileName ?? "");
    this.onProgress({ fileName, bytesDone, bytesTotal, fraction, filesDone: this.filesDone, fileCount: this.files.length });
  }
}
