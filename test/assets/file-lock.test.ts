import { spawnSync } from "node:child_process";
import { mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withFileLock } from "../../src/assets/file-lock.js";

let dir: string;
let lock: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "kokoro-lock-"));
  lock = path.join(dir, "file.lock");
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

describe("withFileLock", () => {
  it("runs one holder at a time and removes the lock afterwards", async () => {
    const order: string[] = [];
    const hold = (name: string) =>
      withFileLock(
        lock,
        async () => {
          order.push(`${name} in`);
          await new Promise((r) => setTimeout(r, 30));
          order.push(`${name} out`);
        },
        { pollMs: 10 },
      );
    await Promise.all([hold("a"), hold("b")]);
    expect(order).toEqual(["a in", "a out", "b in", "b out"]);
    expect(await readdir(dir)).toEqual([]);
  });

  it("breaks a lock whose owner process on this host is gone", async () => {
    await writeFile(lock, JSON.stringify({ pid: deadPid(), host: hostname() }));
    await expect(withFileLock(lock, async () => "ran", { pollMs: 10 })).resolves.toBe("ran");
  });

  it("breaks a lock from another host that has not been refreshed for minutes", async () => {
    await writeFile(lock, JSON.stringify({ pid: 1, host: "elsewhere" }));
    const old = new Date(Date.now() - 10 * 60_000);
    await utimes(lock, old, old);
    await expect(withFileLock(lock, async () => "ran", { pollMs: 10 })).resolves.toBe("ran");
  });

  it("waits for a live holder, says so once, and can be aborted", async () => {
    await writeFile(lock, JSON.stringify({ pid: process.pid, host: hostname() }));
    const waits: string[] = [];
    const controller = new AbortController();
    const waiting = withFileLock(lock, async () => "ran", { pollMs: 10, signal: controller.signal, onWait: (o) => waits.push(o) });
    await new Promise((r) => setTimeout(r, 50));
    controller.abort(new Error("gave up"));
    await expect(waiting).rejects.toThrow("gave up");
    expect(waits).toEqual([`process ${process.pid} on ${hostname()}`]);
  });
});
