// Installs test/fixtures/fake-kokoro.mjs as an executable `kokoro` in a fresh temp folder, and reads what it recorded.

import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface FakeKokoro {
  readonly dir: string;
  readonly command: string;
  /** The requests the started fake daemon received, in order. */
  requests(): { method: string; path: string; body: unknown; authorized: boolean }[];
  /** The started daemon's argv and PATH, once it ran. */
  argv(): { args: string[]; path: string; cwd: string } | undefined;
  pid(): number | undefined;
  /** Ends the fake daemon this test started (by its recorded pid) and removes the folder. */
  cleanup(): void;
}

export function installFakeKokoro(name = "kokoro"): FakeKokoro {
  const dir = mkdtempSync(join(tmpdir(), "fake-kokoro-"));
  const command = join(dir, name);
  copyFileSync(join(__dirname, "fixtures", "fake-kokoro.mjs"), command);
  chmodSync(command, 0o755);
  return fakeIn(dir, command);
}

/** A `kokoro` that fails the way an old kokoro without the daemon command would. */
export function installFailingKokoro(): FakeKokoro {
  const dir = mkdtempSync(join(tmpdir(), "failing-kokoro-"));
  const command = join(dir, "kokoro");
  writeFileSync(command, "#!/bin/sh\necho \"error: unknown command '$1'\" >&2\nexit 1\n");
  chmodSync(command, 0o755);
  return fakeIn(dir, command);
}

function fakeIn(dir: string, command: string): FakeKokoro {
  const read = (file: string): string | undefined => {
    const path = join(dir, file);
    return existsSync(path) ? readFileSync(path, "utf8") : undefined;
  };
  return {
    dir,
    command,
    requests: () =>
      (read("requests.jsonl") ?? "")
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => JSON.parse(l) as { method: string; path: string; body: unknown; authorized: boolean }),
    argv: () => {
      const text = read("daemon.argv.json");
      return text === undefined ? undefined : (JSON.parse(text) as { args: string[]; path: string; cwd: string });
    },
    pid: () => {
      const text = read("daemon.pid");
      return text === undefined ? undefined : Number(text);
    },
    cleanup() {
      const pid = this.pid();
      if (pid !== undefined) {
        try {
          process.kill(pid, "SIGTERM");
        } catch {
          // already gone
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
