// The daemon's per-user secret: a random token it writes at start-up to a file only this user can read, and that
// every client (`kokoro say`, `kokoro stop`..., Raycast) reads and sends as `Authorization: Bearer <token>`.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { resolveCacheDir } from "../assets/cache-dir.js";

const RUNTIME_APP_DIR = "kokoro-server";

/**
 * Where the daemon keeps its token: `$KOKORO_HOME/run` when KOKORO_HOME is set (the project's own override, so
 * tests and sandboxes stay apart), else `$XDG_RUNTIME_DIR/kokoro-server` (per-user, cleared at logout), else
 * `<cache dir>/run`. The Raycast extension resolves the same folder (raycast/src/lib/daemon-token.ts).
 */
export function daemonRunDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KOKORO_HOME?.trim()) return path.join(resolveCacheDir(env), "run");
  const runtime = env.XDG_RUNTIME_DIR?.trim();
  if (runtime && path.isAbsolute(runtime)) return path.join(runtime, RUNTIME_APP_DIR);
  return path.join(resolveCacheDir(env), "run");
}

/** One file per port, so daemons on different ports never overwrite each other's token. */
export function daemonTokenPath(port: number, dir: string = daemonRunDir()): string {
  return path.join(dir, `daemon-${port}.token`);
}

/** A fresh token (32 random bytes, base64url), written with mode 0600 in a 0700 folder; returns it. */
export function writeDaemonToken(file: string): string {
  const token = randomBytes(32).toString("base64url");
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const info = lstatSync(dir);
  if (!info.isDirectory()) throw new Error(`${dir} is not a folder`);
  if (process.platform !== "win32" && typeof process.getuid === "function" && info.uid !== process.getuid()) {
    throw new Error(`${dir} belongs to another user: refusing to keep the daemon's token there`);
  }
  if (process.platform !== "win32") chmodSync(dir, 0o700);
  // A new file (O_EXCL: never through a planted link), renamed into place so no reader sees half a token.
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  const fd = openSync(temp, "wx", 0o600);
  try {
    writeSync(fd, `${token}\n`);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
  return token;
}

/** The token in `file`, or undefined when there is none (no daemon started with this environment). */
export function readDaemonToken(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Removes the token file, unless a later daemon on the same port has already replaced it. */
export function removeDaemonToken(file: string, token: string): void {
  if (readDaemonToken(file) === token) rmSync(file, { force: true });
}

/** `Authorization: Bearer <token>` for the daemon. */
export const tokenHeader = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

/** True when the Authorization header carries `token`; compares digests in constant time. */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  if (given === undefined) return false;
  return timingSafeEqual(sha256(given), sha256(token));
}

const sha256 = (text: string): Buffer => createHash("sha256").update(text).digest();
