// The model file's sha256, computed once per file version. A sidecar (size + mtime + hash, the asset
// manager's format) is trusted while size and mtime still match the file. Files in the cache dir have the
// asset manager's own `<file>.sha256.json`; for a model elsewhere (--model) the sidecar goes to
// `<cacheDir>/checksums/`, so nothing is written next to the user's files.
import { createHash } from "node:crypto";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { sha256File, sidecarPath } from "./installed-file.js";
import { ModelLoadError } from "../engine/errors.js";

interface Sidecar {
  readonly sha256: string;
  readonly size: number;
  readonly mtimeMs: number;
}

export function checksumSidecarFor(file: string, cacheDir: string): string {
  const absolute = path.resolve(file);
  const inCache = !path.relative(path.resolve(cacheDir), absolute).startsWith("..");
  if (inCache) return sidecarPath(absolute);
  const key = createHash("sha256").update(absolute).digest("hex").slice(0, 24);
  return path.join(cacheDir, "checksums", `${path.basename(absolute)}-${key}.sha256.json`);
}

export async function modelSha256(file: string, cacheDir: string): Promise<string> {
  const { size, mtimeMs } = await stat(file).catch((err: NodeJS.ErrnoException) => {
    throw err.code === "ENOENT" ? new ModelLoadError(`model file not found: ${file}`) : err;
  });
  const sidecar = checksumSidecarFor(file, cacheDir);
  try {
    const known = JSON.parse(await readFile(sidecar, "utf8")) as Partial<Record<keyof Sidecar, unknown>>;
    if (typeof known.sha256 === "string" && known.size === size && known.mtimeMs === mtimeMs) return known.sha256;
  } catch {
    // no sidecar yet, or an unreadable one: hash the file
  }
  const sha256 = await sha256File(file);
  const record: Sidecar = { sha256, size, mtimeMs };
  try {
    await mkdir(path.dirname(sidecar), { recursive: true });
    await writeFile(sidecar, `${JSON.stringify(record)}\n`);
  } catch {
    // an unwritable cache only costs a hash per start
  }
  return sha256;
}
