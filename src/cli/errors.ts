// What the CLI prints when a command fails: one sentence that names the flag or file at fault, never a raw
// errno message. Commands check their flags and files up front with the helpers below; formatCliError is the
// net under them for anything that still gets through.
import { accessSync, constants, statSync } from "node:fs";
import path from "node:path";

/** An error whose message is already what the user should read. */
export class CliError extends Error {
  override readonly name = "CliError";
}

type ErrnoError = NodeJS.ErrnoException & { address?: string; port?: number; hostname?: string };

const isErrno = (err: unknown): err is ErrnoError => err instanceof Error && typeof (err as ErrnoError).code === "string" && /^E[A-Z]+$/.test((err as ErrnoError).code!);

const PHRASES: Readonly<Record<string, string>> = {
  ENOENT: "no such file or folder",
  ENOTDIR: "a part of the path is not a folder",
  EISDIR: "it is a folder, not a file",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
  EMFILE: "too many open files",
};

/** What an errno code means, in a few words. */
function phrase(err: unknown): string {
  if (isErrno(err)) return PHRASES[err.code!] ?? err.message;
  return err instanceof Error ? err.message : String(err);
}

/** A sentence for a Node.js system error (`ENOENT: no such file or directory, open '/x'` and the like). */
export function errnoSentence(err: ErrnoError): string | undefined {
  switch (err.code) {
    case "EADDRINUSE":
      return `${err.address ?? "the address"}:${err.port ?? "?"} is already in use by another program`;
    case "EADDRNOTAVAIL":
      return `${err.address ?? "the address"} is not an address of this machine`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `cannot resolve the host name ${err.hostname ?? ""}`.trim();
  }
  const words = PHRASES[err.code!];
  if (!words) return undefined;
  return err.path ? `${err.path}: ${words}` : words;
}

/** The message `kokoro: …` prints for a failed command. */
export function formatCliError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  if (isErrno(err)) return errnoSentence(err) ?? err.message;
  return err.message;
}

/** Throws a CliError unless `file` is a readable regular file; `flag` names where it came from (e.g. "--file"). */
export function requireFile(file: string, flag: string): void {
  let info;
  try {
    info = statSync(file);
  } catch (err) {
    throw new CliError(`${flag} ${file}: ${isErrno(err) && (err.code === "ENOENT" || err.code === "ENOTDIR") ? "no such file" : phrase(err)}`);
  }
  if (!info.isFile()) throw new CliError(`${flag} ${file}: not a file${info.isDirectory() ? " (it is a folder)" : ""}`);
}

/** Throws a CliError unless `file` could be created: its folder exists, is a folder, and `file` is no folder. */
export function requireWritableTarget(file: string, flag: string): void {
  const dir = path.dirname(path.resolve(file));
  let info;
  try {
    info = statSync(dir);
  } catch (err) {
    throw new CliError(`${flag} ${file}: the folder ${dir} does not exist${isErrno(err) && err.code !== "ENOENT" ? ` (${phrase(err)})` : ""}; create it first`);
  }
  if (!info.isDirectory()) throw new CliError(`${flag} ${file}: ${dir} is not a folder`);
  try {
    if (statSync(file).isDirectory()) throw new CliError(`${flag} ${file}: it is a folder; give a file name`);
  } catch (err) {
    if (err instanceof CliError) throw err;
    // does not exist yet: fine
  }
}

/** Reads a flag's number: finite, within [min, max], whole when `integer`; otherwise a CliError naming the flag. */
export function numberFlag(value: string, flag: string, limits: { min?: number; max?: number; integer?: boolean } = {}): number {
  const n = value.trim() === "" ? Number.NaN : Number(value);
  const { min, max, integer } = limits;
  const kind = integer ? "a whole number" : "a number";
  const range = min !== undefined && max !== undefined ? ` from ${min} to ${max}` : min !== undefined ? ` of at least ${min}` : max !== undefined ? ` of at most ${max}` : "";
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || (min !== undefined && n < min) || (max !== undefined && n > max)) {
    throw new CliError(`${flag} must be ${kind}${range}, not '${value}'`);
  }
  return n;
}

/** A port flag (or its environment variable): a whole number from 0 (or 1) to 65535. */
export function portFlag(value: string | undefined, flag: string, env: string, min = 0): number | undefined {
  if (value === undefined) {
    const fromEnv = process.env[env];
    return fromEnv === undefined || fromEnv === "" ? undefined : numberFlag(fromEnv, env, { min, max: 65_535, integer: true });
  }
  return numberFlag(value, flag, { min, max: 65_535, integer: true });
}

/** Throws a CliError unless `dir` is a folder this process can write in, or could create. */
export function requireWritableDir(dir: string, flag: string): void {
  let at = path.resolve(dir);
  for (;;) {
    let info;
    try {
      info = statSync(at);
    } catch (err) {
      const parent = path.dirname(at);
      if (isErrno(err) && (err.code === "ENOENT" || err.code === "ENOTDIR") && parent !== at) {
        at = parent;
        continue;
      }
      throw new CliError(`${flag} ${dir}: ${phrase(err)}`);
    }
    if (!info.isDirectory()) throw new CliError(`${flag} ${dir}: ${at} is not a folder`);
    try {
      accessSync(at, constants.W_OK);
    } catch {
      throw new CliError(`${flag} ${dir}: ${at === path.resolve(dir) ? "the folder" : `its parent ${at}`} is not writable (permission denied)`);
    }
    return;
  }
}
