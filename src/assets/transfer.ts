// One attempt at fetching a URL into `<dest>.part`, resuming what is there, then verifying and
// renaming it into place. Retries and locking are download.ts's business.
import { createHash } from "node:crypto";
import { open, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { parseContentRange } from "./content-range.js";
import { DownloadHttpError, DownloadInterruptedError, IntegrityError, NetworkUnavailableError } from "./download-errors.js";
import { hashFileInto, writeSidecar, type ExpectedFile } from "./installed-file.js";

export interface FileProgress {
  readonly bytesDone: number;
  /** Undefined while the size is unknown (no catalogue size, no Content-Length yet). */
  readonly bytesTotal?: number;
}

export interface TransferResult {
  readonly bytes: number;
  readonly sha256: string;
  /** Bytes that were already in the `.part` file and not fetched again. */
  readonly resumedFrom: number;
}

export interface Transfer {
  readonly url: string;
  readonly dest: string;
  readonly expected: ExpectedFile;
  /** Rounded size for the offline message. */
  readonly approxBytes?: number;
  readonly fetchImpl: typeof fetch;
  readonly signal?: AbortSignal;
  readonly idleTimeoutMs: number;
  readonly onProgress?: (progress: FileProgress) => void;
  readonly hint?: string;
}

/** Aborts when no bytes have arrived for `ms`; `touch()` on every chunk. */
class IdleTimer {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  fired = false;

  constructor(readonly ms: number) {
    this.timer = setTimeout(() => {
      this.fired = true;
      this.controller.abort(new Error(`no data received for ${ms} ms`));
    }, ms);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  touch(): void {
    this.timer.refresh();
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}

type Outcome = { readonly kind: "done"; readonly result: TransferResult } | { readonly kind: "restart" };

/** Fetches `t.url` into `t.dest`, resuming `<dest>.part` with a Range request when it exists. */
export async function transfer(t: Transfer): Promise<TransferResult> {
  const first = await attempt(t, true);
  if (first.kind === "done") return first.result;
  // The part file could not be resumed (server range mismatch, stale part): start from zero once.
  const second = await attempt(t, false);
  if (second.kind === "done") return second.result;
  throw new Error(`could not restart the download of ${t.url}`);
}

function partPath(t: Transfer): string {
  return `${t.dest}.part`;
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw err;
  }
}

async function attempt(t: Transfer, resume: boolean): Promise<Outcome> {
  const part = partPath(t);
  const { size } = t.expected;
  let offset = resume ? await fileSize(part) : 0;
  if (!resume || (size !== undefined && offset > size)) {
    await rm(part, { force: true });
    offset = 0;
  }
  // A complete part left behind by a crash between the last write and the rename.
  if (size !== undefined && offset === size && offset > 0) return { kind: "done", result: await installPart(t, offset) };

  const idle = new IdleTimer(t.idleTimeoutMs);
  try {
    const signal = t.signal ? AbortSignal.any([t.signal, idle.signal]) : idle.signal;
    const response = await request(t, offset, signal, idle);

    if (response.status === 416 && offset > 0) {
      await discard(response);
      const total = parseContentRange(response.headers.get("content-range"))?.total;
      if (total === offset) return { kind: "done", result: await installPart(t, offset) };
      return { kind: "restart" };
    }

    let start = 0;
    let total: number | undefined;
    if (response.status === 206) {
      const range = parseContentRange(response.headers.get("content-range"));
      if (range?.start !== offset || range.end === undefined) {
        await discard(response);
        return { kind: "restart" };
      }
      start = offset;
      total = range.total;
    } else if (response.ok) {
      total = contentLength(response); // a 200 to a Range request: the server ignored it, start over
    } else {
      await discard(response);
      throw new DownloadHttpError(t.url, response.status, response.statusText);
    }

    if (size !== undefined && total !== undefined && total !== size) {
      await discard(response);
      await rm(part, { force: true });
      throw new IntegrityError(t.url, t.dest, "size", String(size), `${total} (announced by the server)`);
    }
    return { kind: "done", result: await receive(t, response, start, total ?? size, idle) };
  } finally {
    idle.stop();
  }
}

async function request(t: Transfer, offset: number, signal: AbortSignal, idle: IdleTimer): Promise<Response> {
  // identity: byte ranges must address the file itself, not a compressed rendition of it.
  const headers: Record<string, string> = { "accept-encoding": "identity" };
  if (offset > 0) headers.range = `bytes=${offset}-`;
  try {
    return await t.fetchImpl(t.url, { headers, signal, redirect: "follow" });
  } catch (err) {
    if (t.signal?.aborted) throw t.signal.reason;
    if (idle.fired) throw new DownloadInterruptedError(t.url, t.dest, offset, t.expected.size, { cause: err });
    const { size, sha256 } = t.expected;
    const file = { url: t.url, dest: t.dest, size, sha256, approxBytes: t.approxBytes };
    throw new NetworkUnavailableError([file], t.hint, { cause: err });
  }
}

function contentLength(response: Response): number | undefined {
  const encoding = response.headers.get("content-encoding");
  if (encoding && encoding !== "identity") return undefined; // the length of the encoded bytes
  const value = Number(response.headers.get("content-length") ?? Number.NaN);
  return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

/** Streams the body after the first `start` bytes of the part file, hashing everything. */
async function receive(
  t: Transfer,
  response: Response,
  start: number,
  total: number | undefined,
  idle: IdleTimer,
): Promise<TransferResult> {
  const part = partPath(t);
  const hash = createHash("sha256");
  await hashFileInto(hash, part, start);
  const handle = await open(part, start > 0 ? "a" : "w");
  let done = start;
  t.onProgress?.({ bytesDone: done, bytesTotal: total });
  const body = (response.body ?? []) as AsyncIterable<Uint8Array>;
  const chunks = body[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      let next: IteratorResult<Uint8Array>;
      try {
        next = await chunks.next();
      } catch (err) {
        if (t.signal?.aborted) throw t.signal.reason;
        const cause = idle.fired ? new Error(`stalled: no data for ${idle.ms} ms`, { cause: err }) : err;
        throw new DownloadInterruptedError(t.url, t.dest, done, total, { cause });
      }
      if (next.done) {
        finished = true;
        break;
      }
      idle.touch();
      hash.update(next.value);
      await handle.write(next.value);
      done += next.value.byteLength;
      t.onProgress?.({ bytesDone: done, bytesTotal: total });
    }
    await handle.sync();
  } finally {
    await handle.close();
    // On a local failure (disk full...) release the connection instead of leaving it open.
    if (!finished) await chunks.return?.().catch(() => undefined);
  }
  if (total !== undefined && done < total) throw new DownloadInterruptedError(t.url, t.dest, done, total);
  if (total !== undefined && done > total) {
    await rm(part, { force: true });
    throw new IntegrityError(t.url, t.dest, "size", String(total), String(done));
  }
  return install(t, hash.digest("hex"), done, start);
}

/** Verifies a part file that already holds every byte, and installs it. */
async function installPart(t: Transfer, size: number): Promise<TransferResult> {
  const hash = createHash("sha256");
  await hashFileInto(hash, partPath(t));
  t.onProgress?.({ bytesDone: size, bytesTotal: size });
  return install(t, hash.digest("hex"), size, size);
}

async function install(t: Transfer, sha256: string, bytes: number, resumedFrom: number): Promise<TransferResult> {
  const part = partPath(t);
  const { size, sha256: expected } = t.expected;
  if (expected !== undefined && sha256 !== expected) {
    await rm(part, { force: true });
    throw new IntegrityError(t.url, t.dest, "sha256", expected, sha256);
  }
  if (size !== undefined && bytes !== size) {
    await rm(part, { force: true });
    throw new IntegrityError(t.url, t.dest, "size", String(size), String(bytes));
  }
  await rename(part, t.dest);
  await syncDir(path.dirname(t.dest));
  await writeSidecar(t.dest, sha256);
  return { bytes, sha256, resumedFrom };
}

/** Makes the rename durable. Directories cannot be opened for fsync on Windows: best effort. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r").catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // not supported here
  } finally {
    await handle.close();
  }
}
