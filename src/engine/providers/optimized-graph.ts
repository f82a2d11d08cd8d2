// The optimized-graph cache. Creating a session with full graph optimization rewrites the model (constant
// folding, fusions, layouts); onnxruntime can save the result (SessionOptions.optimizedModelFilePath) and a
// later session can load that file with optimization off. The saved graph may hold hardware-specific
// kernels (onnxruntime warns so for its NCHWc layouts), so a file is only reused by the same model bytes,
// execution providers, onnxruntime version and CPU: all of them are in its name.
import { createHash } from "node:crypto";
import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { MachineIdentity } from "./fingerprint.js";
import type { ProviderCandidate } from "./types.js";

export interface GraphCacheKey {
  readonly modelPath: string;
  readonly modelSha256: string;
  readonly candidate: ProviderCandidate;
  readonly onnxruntime: string;
  readonly machine: MachineIdentity;
}

const TEMP_SUFFIX = ".tmp.onnx";
const STALE_TEMP_MS = 24 * 60 * 60 * 1000;

/** `<dir>/<model name>-<sha256 prefix>-<providers>-ort<version>-<cpu hash>.onnx` (`.mapped.onnx` with mapped weights). */
export function optimizedGraphPath(dir: string, key: GraphCacheKey, options: { readonly mapped?: boolean } = {}): string {
  const name = path.basename(key.modelPath).replace(/\.onnx$/i, "").replace(/[^\w.-]+/g, "_").slice(0, 40);
  const providers = key.candidate.executionProviders.join("+").replace(/[^\w+-]+/g, "_");
  // Core count and thread settings do not change the graph; the CPU model (instruction set) and OS can.
  const hardware = createHash("sha256").update(`${key.machine.cpu}|${key.machine.os}`).digest("hex").slice(0, 8);
  return path.join(dir, `${name}-${key.modelSha256.slice(0, 12)}-${providers}-ort${key.onnxruntime}-${hardware}${options.mapped === true ? ".mapped" : ""}.onnx`);
}

/** A unique temporary name beside `final`, still ending in .onnx (onnxruntime picks the format by extension). */
export function temporaryGraphPath(final: string): string {
  return `${final.replace(/\.onnx$/i, "")}.${process.pid}-${Math.random().toString(36).slice(2, 8)}${TEMP_SUFFIX}`;
}

/** Removes temporary files a crashed start left behind (older than a day, so a parallel start's are safe). */
export async function removeStaleTemporaries(dir: string, now = Date.now()): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names.filter((n) => n.endsWith(TEMP_SUFFIX))) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info && now - info.mtimeMs > STALE_TEMP_MS) await rm(file, { force: true });
  }
}
