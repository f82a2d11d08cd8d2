// Is a file already installed with the expected bytes? Hashing a 300 MB model on every start is
// slow, so a verified hash is remembered in a sidecar `<file>.sha256.json` together with the file's
// size and mtime; the sidecar is trusted only while both still match the file.
import { createHash, type Hash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, stat, writeFile } from "node:fs/promises";

export interface ExpectedFile {
  readonly size?: number;
  /** Lowercase hex. */
  readonly sha256?: string;
}

export type InstalledState =
  | { readonly state: "ok"; readonly size: number; readonly sha256?: string }
  | { readonly state: "missing" }
  | { readonly state: "mismatch"; readonly reason: string };

interface Sidecar {
  readonly sha256: string;
  readonly size: number;
  readonly mtimeMs: number;
}

export function sidecarPath(file: string): string {
  return `${file}.sha256.json`;
}

/** Feeds bytes [0, end) of `file` (all of it when `end` is undefined) into `hash`. */
export async function hashFileInto(hash: Hash, file: string, end?: number): Promise<void> {
  if (end === 0) return;
  const stream = createReadStream(file, end === undefined ? {} : { start: 0, end: end - 1 });
  for await (const chunk of stream as AsyncIterable<Buffer>) hash.update(chunk);
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  await hashFileInto(hash, file);
  return hash.digest("hex");
}

/** Records a verified hash of `file` as it is now. */
export async function writeSidecar(file: string, sha256: string): Promise<void> {
  const { size, mtimeMs } = await stat(file);
  const sidecar: Sidecar = { sha256, size, mtimeMs };
  await writeFile(sidecarPath(file), `${JSON.stringify(sidecar)}\n`);
}

async function readSidecar(file: string, size: number, mtimeMs: number): Promise<string | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(sidecarPath(file), "utf8"));
    if (typeof parsed !== "object" || parsed === null) return undefined;
    const { sha256, size: s, mtimeMs: m } = parsed as Partial<Record<keyof Sidecar, unknown>>;
    if (typeof sha256 !== "string" || s !== size || m !== mtimeMs) return undefined;
    return sha256;
  } catch {
    return undefined;
  }
}

/** Checks `file` against the expected size and sha256 (whichever are known). */
export async function checkInstalled(file: string, expected: ExpectedFile): Promise<InstalledState> {
  let info;
  try {
    info = await stat(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { state: "missing" };
    throw err;
  }
  if (!info.isFile()) return { state: "mismatch", reason: "not a regular file" };
  if (expected.size !== undefined && info.size !== expected.size) {
    return { state: "mismatch", reason: `size ${info.size}, expected ${expected.size}` };
  }
  if (expected.sha256 === undefined) return { state: "ok", size: info.size };

  let sha256 = await readSidecar(file, info.size, info.mtimeMs);
  if (sha256 === undefined) {
    sha256 = await sha256File(file);
    if (sha256 === expected.sha256) await writeSidecar(file, sha256);
  }
  if (sha256 !== expected.sha256) return { state: "mismatch", reason: `sha256 ${sha256}, expected ${expected.sha256}` };
  return { state: "ok", size: info.size, sha256 };
}
