import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync } from "node:fs";
import path from "node:path";
import { resolveCacheDir } from "../assets/cache-dir.js";
import { daemonRunDir, daemonTokenPath, readDaemonToken, tokenHeader } from "./daemon-token.js";
import { DAEMON_HOST } from "./defaults.js";
import { errorMessageOf, readJson, request, UnreachableError } from "./http-request.js";
import type { PlayerState } from "./protocol.js";

/** `/health`: just `status` without the token; the rest with it. */
export interface DaemonHealth {
  readonly status: "ok";
  readonly sink?: string;
  readonly state?: PlayerState;
  readonly queued?: number;
  readonly pid?: number;
}

export const daemonUrl = (port: number): string => `http://${DAEMON_HOST}:${port}`;

/** Where an auto-started daemon writes its log. */
export function daemonLogPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(resolveCacheDir(env), "daemon.log");
}

/** The token file of the daemon on `port`, for the environment this process runs in. */
export function daemonTokenFile(port: number, env: NodeJS.ProcessEnv = process.env): string {
  return daemonTokenPath(port, daemonRunDir(env));
}

/** The token of the daemon on `port`; throws, saying where it looked, when there is none. */
export function daemonToken(port: number, env: NodeJS.ProcessEnv = process.env): string {
  const file = daemonTokenFile(port, env);
  const token = readDaemonToken(file);
  if (token === undefined) {
    throw new Error(`the kokoro daemon on port ${port} has no token file at ${file}: it was started with another KOKORO_HOME or XDG_RUNTIME_DIR; use the same ones, or end that daemon's process (its token is unreadable from here, so \`kokoro stop\` cannot)`);
  }
  return token;
}

/** The daemon's /health (with its details when its token is readable), or undefined when nothing listens. Throws when something else does. */
export async function daemonHealth(port: number, env: NodeJS.ProcessEnv = process.env): Promise<DaemonHealth | undefined> {
  const token = readDaemonToken(daemonTokenFile(port, env));
  let body: unknown;
  try {
    body = await readJson(await request(`${daemonUrl(port)}/health`, { timeoutMs: 2000, headers: token ? tokenHeader(token) : {} }));
  } catch (err) {
    if (err instanceof UnreachableError) return undefined;
    throw err;
  }
  if ((body as { status?: unknown } | undefined)?.status !== "ok") {
    throw new Error(`port ${port} is in use by something that is not a kokoro daemon; choose another with --daemon-port or KOKORO_DAEMON_PORT`);
  }
  return body as DaemonHealth;
}

export interface EnsureOptions {
  /** The sink an auto-started daemon uses (a running daemon keeps its own). */
  readonly sink?: string;
  /** The speech server an auto-started daemon is configured with (`--server`; a running daemon keeps its own). */
  readonly server?: string;
  /** The script that runs the CLI (default: this process's, process.argv[1]). */
  readonly cliPath?: string;
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
}

export interface RunningDaemon {
  readonly health: DaemonHealth;
  readonly started: boolean;
  /** What every request to it must carry (Authorization: Bearer). */
  readonly token: string;
}

/**
 * The daemon on `port`, started (detached, logging to the cache dir) when none runs. Two clients racing to
 * start one are fine: the second daemon cannot bind, exits, and both clients find the first.
 */
export async function ensureDaemon(port: number, opts: EnsureOptions = {}): Promise<RunningDaemon> {
  const env = opts.env ?? process.env;
  const running = await daemonHealth(port, env);
  // The daemon writes its token file before it answers anything, so once /health answers the file is there.
  if (running) return { health: running, started: false, token: daemonToken(port, env) };

  const log = daemonLogPath(env);
  mkdirSync(path.dirname(log), { recursive: true });
  const fd = openSync(log, "a");
  const args = [
    opts.cliPath ?? process.argv[1] ?? "",
    "daemon",
    "--port",
    String(port),
    ...(opts.sink ? ["--sink", opts.sink] : []),
    ...(opts.server ? ["--server", opts.server] : []),
  ];
  const child = spawn(process.execPath, args, { detached: true, stdio: ["ignore", fd, fd], env });
  closeSync(fd);
  let exited = false;
  child.once("exit", () => (exited = true));
  child.unref();

  const timeoutMs = opts.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = await daemonHealth(port, env).catch(() => undefined);
    if (health) return { health, started: true, token: daemonToken(port, env) };
    if (exited && (await daemonHealth(port, env).catch(() => undefined)) === undefined) {
      throw new Error(`the kokoro daemon could not start on port ${port}: ${lastLines(log)}`);
    }
    if (Date.now() > deadline) throw new Error(`the kokoro daemon did not answer on port ${port} within ${timeoutMs / 1000} s; see ${log}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** POST /stop, /pause, /resume or /skip with the daemon's token; undefined when no daemon runs. */
export async function daemonControl(port: number, action: "stop" | "pause" | "resume" | "skip", env: NodeJS.ProcessEnv = process.env): Promise<PlayerState | undefined> {
  if ((await daemonHealth(port, env)) === undefined) return undefined;
  let res;
  try {
    res = await request(`${daemonUrl(port)}/${action}`, { json: {}, headers: tokenHeader(daemonToken(port, env)), timeoutMs: 5000 });
  } catch (err) {
    if (err instanceof UnreachableError) return undefined;
    throw err;
  }
  const body = await readJson(res);
  if (res.statusCode !== 200) throw new Error(errorMessageOf(body, res));
  return (body as { state: PlayerState }).state;
}

function lastLines(file: string): string {
  try {
    return readFileSync(file, "utf8").trim().split("\n").slice(-3).join(" / ") || `see ${file}`;
  } catch {
    return `see ${file}`;
  }
}
