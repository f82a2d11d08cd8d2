// Download one file into place: skip it when already installed, take a per-file lock, fetch with
// resume, verify, rename atomically, and retry a few times when the connection breaks mid-body.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { DownloadInterruptedError } from "./download-errors.js";
import { withFileLock } from "./file-lock.js";
import { checkInstalled, type ExpectedFile } from "./installed-file.js";
import { transfer, type FileProgress, type Transfer } from "./transfer.js";

export type { FileProgress } from "./transfer.js";

export interface DownloadOptions {
  readonly url: string;
  /** Final path. Bytes go to `<dest>.part` first; `<dest>.lock` guards against a second process. */
  readonly dest: string;
  /** Expected sha256 (hex). Without it and without `size`, any complete HTTP 2xx body is accepted. */
  readonly sha256?: string;
  /** Expected size in bytes. */
  readonly size?: number;
  /** Rounded size, only for the offline message. */
  readonly approxBytes?: number;
  readonly onProgress?: (progress: FileProgress) => void;
  readonly signal?: AbortSignal;
  readonly fetchImpl?: typeof fetch;
  /** Automatic resumes after a broken or stalled connection (default 3). */
  readonly retries?: number;
  /** Wait before retry n is n × this (default 1000 ms). */
  readonly retryDelayMs?: number;
  /** A connection that sends nothing for this long counts as broken (default 60 s). */
  readonly idleTimeoutMs?: number;
  /** Last line of the offline message (default: how to use --model/--voices). */
  readonly hint?: string;
  /** Called when another process holds the lock and this one waits for it. */
  readonly onLockWait?: (owner: string) => void;
}

export interface DownloadResult {
  readonly path: string;
  readonly bytes: number;
  /** Known when it was computed or cached; absent for a skipped file the catalogue has no hash for. */
  readonly sha256?: string;
  /** True when `dest` was already there with the expected bytes and nothing was fetched. */
  readonly skipped: boolean;
  readonly resumedFrom: number;
}

/**
 * Installs `url` at `dest`. An existing `dest` that matches `size`/`sha256` is kept without a
 * request (a verified hash is cached in `<dest>.sha256.json`, so a warm start does not rehash).
 * Throws DownloadHttpError, IntegrityError, NetworkUnavailableError or DownloadInterruptedError
 * (after the retries); in every case nothing new is installed at `dest`.
 */
export async function downloadFile(options: DownloadOptions): Promise<DownloadResult> {
  const { dest, signal } = options;
  const expected: ExpectedFile = { size: options.size, sha256: options.sha256?.toLowerCase() };
  const present = await checkInstalled(dest, expected);
  if (present.state === "ok") return { path: dest, bytes: present.size, sha256: present.sha256, skipped: true, resumedFrom: 0 };

  await mkdir(path.dirname(dest), { recursive: true });
  return withFileLock(
    `${dest}.lock`,
    async () => {
      // Another process may have installed it while we waited for the lock.
      const now = await checkInstalled(dest, expected);
      if (now.state === "ok") return { path: dest, bytes: now.size, sha256: now.sha256, skipped: true, resumedFrom: 0 };
      const result = await transferWithRetries(options, expected);
      return { path: dest, ...result, skipped: false };
    },
    { signal, onWait: options.onLockWait },
  );
}

async function transferWithRetries(options: DownloadOptions, expected: ExpectedFile) {
  const { retries = 3, retryDelayMs = 1000, signal } = options;
  const job: Transfer = {
    url: options.url,
    dest: options.dest,
    expected,
    approxBytes: options.approxBytes,
    fetchImpl: options.fetchImpl ?? fetch,
    signal,
    idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
    onProgress: options.onProgress,
    hint: options.hint,
  };
  for (let attempt = 0; ; attempt++) {
    try {
      return await transfer(job);
    } catch (err) {
      if (!(err instanceof DownloadInterruptedError) || attempt >= retries) throw err;
      await sleep(retryDelayMs * (attempt + 1), undefined, { signal }).catch(() => signal?.throwIfAborted());
    }
  }
}
