import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync } from "node:fs";
import path from "node:path";
import { resolveCacheDir } from "../assets/cache-dir.js";
import { DAEMON_HOST } from "./defaults.js";
import { errorMessageOf, readJson, request, UnreachableError } from "./http-request.js";
import type { PlayerState } from "./protocol.js";

export interface DaemonHealth {
  readonly status: "ok";
  readonly sink: string;
  readonly state: PlayerState;
  readonly queued: number;
  readonly pid?: number;
}

export const daemonUrl = (port: number): string => `http://${DAEMON_HOST}:${port}`;

/** Where an auto-started daemon writes its log. */
export function daemonLogPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(resolveCacheDir(env), "daemon.log");
}

/** The daemon's /health, or undefined when nothing listens on the port. Throws when something else does. */
export async function daemonHealth(port: number): Promise<DaemonHealth | undefined> {
  let body: unknown;
  try {
    body = await readJson(await request(`${daemonUrl(port)}/health`, { timeoutMs: 2000 }));
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
  /** The script that runs the CLI (default: this process's, process.argv[1]). */
  readonly cliPath?: string;
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * The daemon on `port`, started (detached, logging to the cache dir) when none runs. Two clients racing to
 * start one are fine: the second daemon cannot bind, exits, and both clients find the first.
 */
export async function ensureDaemon(port: number, opts: EnsureOptions = {}): Promise<{ health: DaemonHealth; started: boolean }> {
  const running = await daemonHealth(port);
  if (running) return { health: running, started: false };

  const env = opts.env ?? process.env;
  const log = daemonLogPath(env);
  mkdirSync(path.dirname(log), { recursive: true });
  const fd = openSync(log, "a");
  const args = [opts.cliPath ?? process.argv[1] ?? "", "daemon", "--port", String(port), ...(opts.sink ? ["--sink", opts.sink] : [])];
  const child = spawn(process.execPath, args, { detached: true, stdio: ["ignore", fd, fd], env });
  closeSync(fd);
  let exited = false;
  child.once("exit", () => (exited = true));
  child.unref();

  const timeoutMs = opts.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = await daemonHealth(port).catch(() => undefined);
    if (health) return { health, started: true };
    if (exited && (await daemonHealth(port).catch(() => undefined)) === undefined) {
      throw new Error(`the kokoro daemon could not start on port ${port}: ${lastLines(log)}`);
    }
    if (Date.now() > deadline) throw new Error(`the kokoro daemon did not answer on port ${port} within ${timeoutMs / 1000} s; see ${log}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** POST /stop, /pause, /resume or /skip; undefined when no daemon runs. */
export async function daemonControl(port: number, action: "stop" | "pause" | "resume" | "skip"): Promise<PlayerState | undefined> {
  let res;
  try {
    res = await request(`${daemonUrl(port)}/${action}`, { method: "POST", timeoutMs: 5000 });
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
