// kokoro-js lives in bench/peers/kokoro-js/ with its own package.json and lockfile, installed on first use of
// the peers bench: it is never a dependency of the server.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../test/helpers/paths.js";

export const PEER_DIR = path.join(REPO_ROOT, "bench/peers/kokoro-js");
/** The module the peer's child process imports (re-exports resolved from PEER_DIR's node_modules). */
export const PEER_ENTRY = path.join(PEER_DIR, "peer.mjs");
/** Generated Hugging Face model folders, one per model file (git-ignored). */
export const PEER_MODELS_DIR = path.join(PEER_DIR, "models");

const installed = (): boolean => existsSync(path.join(PEER_DIR, "node_modules/kokoro-js/package.json"));

/**
 * Runs `npm ci` in PEER_DIR when kokoro-js is missing. `--ignore-scripts`: the only install script that matters,
 * onnxruntime-node's, downloads CUDA libraries (the CPU binaries ship in the package), which the bench does not use.
 * npm's output goes to stderr: stdout carries the bench's JSON.
 */
export function ensurePeerInstalled(): void {
  if (installed()) return;
  console.error(`peers: installing kokoro-js into ${path.relative(REPO_ROOT, PEER_DIR)} (npm ci, once)`);
  execFileSync("npm", ["ci", "--prefix", PEER_DIR, "--ignore-scripts", "--no-audit", "--no-fund"], { stdio: ["ignore", process.stderr, "inherit"] });
  if (!installed()) throw new Error(`npm ci in ${PEER_DIR} did not install kokoro-js`);
}

/** The installed version of a package, read from PEER_DIR's node_modules (or from the repo's with `root`). */
export function packageVersion(name: string, root = PEER_DIR): string {
  const file = path.join(root, "node_modules", name, "package.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}
