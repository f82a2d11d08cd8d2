// A lock file so that two kokoro processes sharing a cache never write the same `.part` file.
// The holder refreshes the lock's mtime; a waiter breaks the lock when its owner process is gone
// (same host) or when it has not been refreshed for a while (any host, e.g. a shared volume).
import { hostname } from "node:os";
import { open, readFile, rm, stat, utimes } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";

export interface LockOptions {
  readonly signal?: AbortSignal;
  readonly pollMs?: number;
  /** Called once when the lock is busy and we start waiting. */
  readonly onWait?: (owner: string) => void;
}

const REFRESH_MS = 15_000;
const STALE_MS = 90_000;

interface Owner {
  readonly pid: number;
  readonly host: string;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function readOwner(lockPath: string): Promise<Owner | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(lockPath, "utf8"));
    const { pid, host } = parsed as Partial<Record<keyof Owner, unknown>>;
    return typeof pid === "number" && typeof host === "string" ? { pid, host } : undefined;
  } catch {
    return undefined; // gone, or its owner is still writing it
  }
}

async function isStale(lockPath: string, owner: Owner | undefined): Promise<boolean> {
  if (owner && owner.host === hostname() && !processAlive(owner.pid)) return true;
  try {
    return Date.now() - (await stat(lockPath)).mtimeMs > STALE_MS;
  } catch {
    return false; // released meanwhile; the next attempt will get it
  }
}

async function tryAcquire(lockPath: string): Promise<boolean> {
  try {
    const handle = await open(lockPath, "wx");
    try {
      await handle.writeFile(JSON.stringify({ pid: process.pid, host: hostname() } satisfies Owner));
    } finally {
      await handle.close();
    }
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  }
}

/** Runs `fn` while holding `lockPath`, waiting for another holder to finish first. */
export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const { signal, pollMs = 500, onWait } = options;
  let announced = false;
  while (!(await tryAcquire(lockPath))) {
    signal?.throwIfAborted();
    const owner = await readOwner(lockPath);
    if (await isStale(lockPath, owner)) {
      await rm(lockPath, { force: true });
      continue;
    }
    if (!announced) {
      announced = true;
      onWait?.(owner ? `process ${owner.pid} on ${owner.host}` : "another process");
    }
    // timers/promises rejects with a generic AbortError; callers expect the signal's own reason.
    await sleep(pollMs, undefined, { signal }).catch(() => signal?.throwIfAborted());
  }
  const refresh = setInterval(() => {
    const now = new Date();
    utimes(lockPath, now, now).catch(() => undefined);
  }, REFRESH_MS);
  refresh.unref();
  try {
    return await fn();
  } finally {
    clearInterval(refresh);
    await rm(lockPath, { force: true });
  }
}
