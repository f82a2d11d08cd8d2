// Starting the audio daemon on demand: when its /health does not answer, run `<kokoro> daemon` detached
// (so it outlives the Raycast command) and poll /health until it answers.
//
// Raycast runs extensions with a minimal PATH (/usr/bin:/bin:/usr/sbin:/sbin), so `kokoro` — and the
// `node` its `#!/usr/bin/env node` line needs — are looked up in the usual install folders too, and the
// daemon is started with that PATH.

import {
  accessSync,
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  statSync,
} from "node:fs";
import { delimiter, dirname, isAbsolute, join, resolve } from "node:path";
import type { DaemonClient, DaemonHealth } from "./daemon-client";
import { DaemonStartError, DaemonUnreachableError, KokoroCommandNotFoundError } from "./errors";
import { DEFAULT_DAEMON_PORT, portOf } from "./preferences";

/** What ensureDaemon needs of a child process (node:child_process's ChildProcess fits). */
export interface SpawnedProcess {
  readonly pid?: number | undefined;
  once(event: "exit", listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
  once(event: "error", listener: (err: Error) => void): unknown;
  unref(): void;
}

export interface SpawnOptions {
  readonly detached: boolean;
  readonly stdio: ["ignore", number | "ignore", number | "ignore"];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

export type SpawnFn = (command: string, args: readonly string[], options: SpawnOptions) => SpawnedProcess;

/** Folders where kokoro and node are usually installed on a Mac, beyond Raycast's own PATH. */
export function commonBinDirs(home: string): string[] {
  return [
    "/opt/homebrew/bin",
    "/usr/local/bin",
    join(home, ".local/bin"),
    join(home, ".npm-global/bin"),
    join(home, ".volta/bin"),
    join(home, "Library/pnpm"),
    join(home, ".local/share/pnpm"),
    join(home, ".bun/bin"),
    join(home, "Library/Application Support/fnm/aliases/default/bin"),
    join(home, ".local/share/fnm/aliases/default/bin"),
    join(home, ".asdf/shims"),
    join(home, ".local/share/mise/shims"),
    ...nvmBinDirs(home),
    "/usr/bin",
    "/bin",
  ];
}

/** ~/.nvm/versions/node/v*\/bin, newest version first. */
function nvmBinDirs(home: string): string[] {
  const root = join(home, ".nvm/versions/node");
  let versions: string[];
  try {
    versions = readdirSync(root);
  } catch {
    return [];
  }
  return versions
    .filter((v) => /^v\d+/.test(v))
    .sort((a, b) => compareVersions(b, a))
    .map((v) => join(root, v, "bin"));
}

function compareVersions(a: string, b: string): number {
  const pa = a.replace(/^v/, "").split(".").map(Number);
  const pb = b.replace(/^v/, "").split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The PATH entries, then the common folders; each once. */
export function searchDirs(env: NodeJS.ProcessEnv, home: string): string[] {
  const fromPath = (env.PATH ?? "").split(delimiter).filter((d) => d !== "");
  return [...new Set([...fromPath, ...commonBinDirs(home)])];
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface ResolveOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly home: string;
}

/** The absolute path of the kokoro command: `~/…` and paths are taken as they are, a bare name is searched for. */
export function resolveKokoroCommand(command: string, options: ResolveOptions): string {
  const expanded = command === "~" ? options.home : command.replace(/^~(?=\/)/, options.home);
  if (expanded.includes("/")) {
    const path = isAbsolute(expanded) ? expanded : resolve(options.home, expanded);
    if (isExecutableFile(path)) return path;
    throw new KokoroCommandNotFoundError(command, [path]);
  }
  const dirs = searchDirs(options.env, options.home);
  for (const dir of dirs) {
    const candidate = join(dir, expanded);
    if (isExecutableFile(candidate)) return candidate;
  }
  throw new KokoroCommandNotFoundError(command, dirs);
}

/**
 * `daemon`, plus `--port N` when the Daemon URL does not use the daemon's default port, and `--server URL`: the
 * daemon fetches speech only from the server it was started with.
 */
export function daemonArgs(daemonUrl: string, serverUrl?: string): string[] {
  const port = portOf(daemonUrl);
  return [
    "daemon",
    ...(port === DEFAULT_DAEMON_PORT ? [] : ["--port", String(port)]),
    ...(serverUrl === undefined ? [] : ["--server", serverUrl]),
  ];
}

export interface EnsureDaemonOptions {
  readonly daemon: DaemonClient;
  /** The Kokoro Command preference. */
  readonly kokoroCommand: string;
  /** The Server URL preference: the server a daemon started here fetches speech from. */
  readonly serverUrl?: string;
  readonly spawn: SpawnFn;
  readonly env: NodeJS.ProcessEnv;
  readonly home: string;
  /** Where the daemon's stdout/stderr go (appended); the last lines are shown when it fails to start. */
  readonly logFile?: string;
  /** How long to wait for /health after starting it. */
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
  /** Called just before the daemon is started (to show "Starting the Kokoro daemon…"). */
  readonly onStarting?: (commandPath: string) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

export interface EnsureDaemonResult {
  readonly health: DaemonHealth;
  /** True when this call started the daemon. */
  readonly started: boolean;
  readonly pid?: number;
}

export const DEFAULT_START_TIMEOUT_MS = 10_000;

const defaultSleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** The daemon's health; if nothing answers, starts `<kokoro> daemon` and waits until it does. */
export async function ensureDaemon(options: EnsureDaemonOptions): Promise<EnsureDaemonResult> {
  try {
    return { health: await options.daemon.health(), started: false };
  } catch (err) {
    // Only start one when nothing listens: a daemon that is there but slow to answer would just make
    // a second one fail on the port.
    if (!(err instanceof DaemonUnreachableError) || err.reason === "timed out") throw err;
  }

  const commandPath = resolveKokoroCommand(options.kokoroCommand, { env: options.env, home: options.home });
  // node for the `#!/usr/bin/env node` line: first next to kokoro itself (nvm, Homebrew), then the usual folders.
  const path = [dirname(commandPath), ...searchDirs(options.env, options.home)].filter(
    (d, i, all) => all.indexOf(d) === i,
  );
  const args = daemonArgs(options.daemon.baseUrl, options.serverUrl);

  let logFd: number | undefined;
  let logStart = 0;
  if (options.logFile !== undefined) {
    try {
      mkdirSync(dirname(options.logFile), { recursive: true });
      logFd = openSync(options.logFile, "a");
      logStart = fstatSync(logFd).size;
    } catch {
      logFd = undefined;
    }
  }
  const startError = (reason: string): DaemonStartError =>
    new DaemonStartError(
      commandPath,
      reason,
      options.logFile,
      options.logFile ? logTail(options.logFile, logStart) : "",
    );

  options.onStarting?.(commandPath);
  let spawnError: Error | undefined;
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let child: SpawnedProcess;
  try {
    child = options.spawn(commandPath, args, {
      detached: true,
      stdio: ["ignore", logFd ?? "ignore", logFd ?? "ignore"],
      env: { ...options.env, PATH: path.join(delimiter) },
      cwd: options.home,
    });
  } catch (err) {
    throw startError(`it could not be run (${err instanceof Error ? err.message : String(err)})`);
  } finally {
    if (logFd !== undefined) closeSync(logFd);
  }
  child.once("error", (err) => {
    spawnError = err;
  });
  child.once("exit", (code, signal) => {
    exit = { code, signal };
  });
  child.unref();

  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const deadline = now() + timeoutMs;
  for (;;) {
    await sleep(options.intervalMs ?? 200);
    if (spawnError !== undefined) throw startError(`it could not be run (${spawnError.message})`);
    try {
      const health = await options.daemon.health();
      return child.pid === undefined ? { health, started: true } : { health, started: true, pid: child.pid };
    } catch (err) {
      if (!(err instanceof DaemonUnreachableError)) throw err;
    }
    // Exit code 0 may be a daemon that forked itself into the background: keep polling until the deadline.
    if (exit !== undefined && exit.code !== 0) {
      const how = exit.code !== null ? `exit code ${exit.code}` : `signal ${exit.signal ?? "?"}`;
      throw startError(`it exited (${how})`);
    }
    if (now() >= deadline) {
      throw startError(`it did not answer at ${options.daemon.baseUrl} within ${Math.round(timeoutMs / 1000)} s`);
    }
  }
}

/** The last few non-empty lines written to a log file from byte `from` on, joined; "" when there are none. */
export function logTail(file: string, from = 0, maxLines = 3, maxChars = 300): string {
  let text: string;
  try {
    text = readFileSync(file).subarray(from).toString("utf8");
  } catch {
    return "";
  }
  const lines = text
    .slice(-4096)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
  const tail = lines.slice(-maxLines).join(" | ");
  return tail.length > maxChars ? `…${tail.slice(-maxChars)}` : tail;
}
