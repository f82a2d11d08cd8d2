import { spawn as nodeSpawn } from "node:child_process";
import { EventEmitter } from "node:events";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  daemonArgs,
  ensureDaemon,
  logTail,
  resolveKokoroCommand,
  type SpawnedProcess,
  type SpawnFn,
  type SpawnOptions,
} from "../src/lib/autostart";
import { createDaemonClient } from "../src/lib/daemon-client";
import {
  DaemonProtocolError,
  DaemonStartError,
  DaemonUnreachableError,
  KokoroCommandNotFoundError,
} from "../src/lib/errors";
import { installFailingKokoro, type FakeKokoro } from "./fake-kokoro";
import { freePort, sendJson, startFakeDaemon, startServer, type TestServer } from "./helpers";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "kokoro-autostart-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function executable(path: string, mode = 0o755): string {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, "#!/bin/sh\nexit 0\n");
  chmodSync(path, mode);
  return path;
}

/** A child process that does nothing until the test makes it exit or fail. */
class FakeChild extends EventEmitter implements SpawnedProcess {
  readonly pid = 4242;
  unrefCalled = false;
  unref(): void {
    this.unrefCalled = true;
  }
}

interface SpawnCall {
  command: string;
  args: readonly string[];
  options: SpawnOptions;
}

function recordingSpawn(onSpawn: (child: FakeChild, call: SpawnCall) => void = () => undefined): {
  spawn: SpawnFn;
  calls: SpawnCall[];
} {
  const calls: SpawnCall[] = [];
  const spawn: SpawnFn = (command, args, options) => {
    const child = new FakeChild();
    const call = { command, args, options };
    calls.push(call);
    onSpawn(child, call);
    return child;
  };
  return { spawn, calls };
}

// A name no real machine has, so the folders searched on this machine cannot hold it.
const NAME = "kokoro-autostart-test-cli";

describe("resolveKokoroCommand", () => {
  it("finds a bare name on PATH", () => {
    const dir = tempDir();
    const path = executable(join(dir, "bin", NAME));
    expect(
      resolveKokoroCommand(NAME, { env: { PATH: ["/nonexistent", join(dir, "bin")].join(delimiter) }, home: dir }),
    ).toBe(path);
  });

  it("finds it in the newest nvm version when Raycast's PATH is minimal", () => {
    const home = tempDir();
    executable(join(home, ".nvm/versions/node/v20.19.0/bin", NAME));
    executable(join(home, ".nvm/versions/node/v9.0.0/bin", NAME));
    const newest = executable(join(home, ".nvm/versions/node/v22.12.0/bin", NAME));
    expect(resolveKokoroCommand(NAME, { env: { PATH: "/usr/bin:/bin" }, home })).toBe(newest);
  });

  it("skips files that are not executable", () => {
    const dir = tempDir();
    executable(join(dir, "a", NAME), 0o644);
    const good = executable(join(dir, "b", NAME));
    expect(
      resolveKokoroCommand(NAME, { env: { PATH: [join(dir, "a"), join(dir, "b")].join(delimiter) }, home: dir }),
    ).toBe(good);
  });

  it("takes a path as it is, expanding ~", () => {
    const home = tempDir();
    const path = executable(join(home, "tools", "kokoro"));
    expect(resolveKokoroCommand("~/tools/kokoro", { env: {}, home })).toBe(path);
    expect(resolveKokoroCommand(path, { env: {}, home })).toBe(path);
    expect(() => resolveKokoroCommand("~/tools/missing", { env: {}, home })).toThrow(KokoroCommandNotFoundError);
  });

  it("says where it looked when the name is nowhere", () => {
    const home = tempDir();
    let error: unknown;
    try {
      resolveKokoroCommand(NAME, { env: { PATH: "/usr/bin:/bin" }, home });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(KokoroCommandNotFoundError);
    expect((error as KokoroCommandNotFoundError).searched).toEqual(
      expect.arrayContaining(["/usr/bin", "/opt/homebrew/bin", "/usr/local/bin"]),
    );
  });
});

describe("daemonArgs", () => {
  it("adds --port only for a port other than the daemon's default", () => {
    expect(daemonArgs("http://127.0.0.1:8881")).toEqual(["daemon"]);
    expect(daemonArgs("http://127.0.0.1:9123")).toEqual(["daemon", "--port", "9123"]);
  });

  it("passes the Server URL as --server: the daemon fetches speech only from the server it was started with", () => {
    expect(daemonArgs("http://127.0.0.1:8881", "http://127.0.0.1:8880")).toEqual([
      "daemon",
      "--server",
      "http://127.0.0.1:8880",
    ]);
  });
});

describe("ensureDaemon", () => {
  it("does not spawn anything when the daemon already answers", async () => {
    const daemon = await startFakeDaemon();
    cleanups.push(() => daemon.close());
    const { spawn, calls } = recordingSpawn();
    const result = await ensureDaemon({
      daemon: createDaemonClient({ baseUrl: daemon.url }),
      kokoroCommand: "/nonexistent/kokoro",
      spawn,
      env: {},
      home: tempDir(),
    });
    expect(result.started).toBe(false);
    expect(result.health.sink).toBe("fake");
    expect(calls).toHaveLength(0);
  });

  it("spawns `<kokoro> daemon` detached with a usable PATH, then polls /health until it answers", async () => {
    const home = tempDir();
    const command = executable(join(home, "bin", "kokoro"));
    const port = await freePort();
    let daemon: TestServer | undefined;
    const { spawn, calls } = recordingSpawn((child) => {
      // The daemon comes up a moment after it is started.
      setTimeout(() => {
        void startFakeDaemon({ port }).then((d) => {
          daemon = d;
          cleanups.push(() => d.close());
        });
      }, 250);
      expect(child.unrefCalled).toBe(false);
    });
    let starting: string | undefined;
    const logFile = join(home, "logs", "daemon.log");
    const result = await ensureDaemon({
      daemon: createDaemonClient({ baseUrl: `http://127.0.0.1:${port}` }),
      kokoroCommand: command,
      spawn,
      env: { PATH: "/usr/bin:/bin", HOME: home },
      home,
      logFile,
      intervalMs: 50,
      onStarting: (path) => (starting = path),
    });

    expect(result).toMatchObject({ started: true, pid: 4242, health: { status: "ok" } });
    expect(starting).toBe(command);
    expect(calls).toHaveLength(1);
    const call = calls[0]!;
    expect(call.command).toBe(command);
    expect(call.args).toEqual(["daemon", "--port", String(port)]);
    expect(call.options.detached).toBe(true);
    expect(typeof call.options.stdio[1]).toBe("number"); // the log file
    const path = (call.options.env.PATH ?? "").split(delimiter);
    expect(path[0]).toBe(join(home, "bin")); // node next to kokoro first
    expect(path).toEqual(expect.arrayContaining(["/opt/homebrew/bin", "/usr/local/bin", "/usr/bin"]));
    expect(call.options.env.HOME).toBe(home);
    expect(daemon?.requests.filter((r) => r.path === "/health").length).toBeGreaterThanOrEqual(1);
  });

  it("fails fast with the daemon's own words when it exits with an error (real process)", async () => {
    const kokoro: FakeKokoro = installFailingKokoro();
    cleanups.push(() => kokoro.cleanup());
    const logFile = join(kokoro.dir, "daemon.log");
    writeFileSync(logFile, "an old line from an earlier run\n");
    const port = await freePort();
    const started = Date.now();
    const error = await ensureDaemon({
      daemon: createDaemonClient({ baseUrl: `http://127.0.0.1:${port}` }),
      kokoroCommand: kokoro.command,
      spawn: (command, args, options) => nodeSpawn(command, [...args], options),
      env: process.env,
      home: kokoro.dir,
      logFile,
      timeoutMs: 8_000,
      intervalMs: 50,
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DaemonStartError);
    const startError = error as DaemonStartError;
    expect(startError.reason).toBe("it exited (exit code 1)");
    expect(startError.logTail).toBe("error: unknown command 'daemon'");
    expect(startError.logFile).toBe(logFile);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(readFileSync(logFile, "utf8")).toContain("an old line"); // appended, not truncated
  });

  it("gives up after the timeout when the daemon never answers", async () => {
    const home = tempDir();
    const command = executable(join(home, "kokoro"));
    const { spawn, calls } = recordingSpawn();
    const port = await freePort();
    const error = await ensureDaemon({
      daemon: createDaemonClient({ baseUrl: `http://127.0.0.1:${port}` }),
      kokoroCommand: command,
      spawn,
      env: {},
      home,
      timeoutMs: 400,
      intervalMs: 50,
    }).catch((e: unknown) => e);
    expect(calls).toHaveLength(1);
    expect(error).toBeInstanceOf(DaemonStartError);
    expect((error as DaemonStartError).reason).toMatch(/did not answer at http:\/\/127\.0\.0\.1:\d+ within 0 s/);
  });

  it("reports a spawn failure", async () => {
    const home = tempDir();
    const command = executable(join(home, "kokoro"));
    const { spawn } = recordingSpawn((child) => setTimeout(() => child.emit("error", new Error("spawn EACCES")), 10));
    const error = await ensureDaemon({
      daemon: createDaemonClient({ baseUrl: `http://127.0.0.1:${await freePort()}` }),
      kokoroCommand: command,
      spawn,
      env: {},
      home,
      intervalMs: 50,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DaemonStartError);
    expect((error as DaemonStartError).reason).toBe("it could not be run (spawn EACCES)");
  });

  it("does not start a second daemon when the running one is slow to answer", async () => {
    const stuck = await startServer(() => undefined); // accepts, never answers
    cleanups.push(() => stuck.close());
    const { spawn, calls } = recordingSpawn();
    const error = await ensureDaemon({
      daemon: createDaemonClient({ baseUrl: stuck.url, timeoutMs: 200 }),
      kokoroCommand: "kokoro",
      spawn,
      env: {},
      home: tempDir(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DaemonUnreachableError);
    expect(calls).toHaveLength(0);
  });

  it("does not start a second program over something else on the daemon's port", async () => {
    const other = await startServer((_req, res) => sendJson(res, 404, { message: "nope" }));
    cleanups.push(() => other.close());
    const { spawn, calls } = recordingSpawn();
    const error = await ensureDaemon({
      daemon: createDaemonClient({ baseUrl: other.url }),
      kokoroCommand: "kokoro",
      spawn,
      env: {},
      home: tempDir(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DaemonProtocolError);
    expect(calls).toHaveLength(0);
  });
});

describe("logTail", () => {
  it("keeps the last lines written after an offset", () => {
    const file = join(tempDir(), "log");
    writeFileSync(file, "old\n\nline 1\nline 2\n\nline 3\nline 4\n");
    expect(logTail(file, 0)).toBe("line 2 | line 3 | line 4");
    expect(logTail(file, "old\n\nline 1\nline 2\n".length)).toBe("line 3 | line 4");
    expect(logTail(join(tempDir(), "missing"))).toBe("");
  });
});
