import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CLI } from "./paths.js";

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Variables that point kokoro at assets, servers or daemons: a test's environment sets its own. */
const KOKORO_VARS = /^(KOKORO_|XDG_CONFIG_HOME$|XDG_CACHE_HOME$|SDL_AUDIODRIVER$|AUDIODEV$)/;

/** process.env without any KOKORO_* (or audio-driver) variable, plus a fresh config and cache folder. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "kokoro-cli-env-"));
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !KOKORO_VARS.test(k)));
  return { ...base, XDG_CONFIG_HOME: scratch, KOKORO_HOME: path.join(scratch, "cache"), ...extra };
}

/** Runs the built CLI (`bin/kokoro`, or `cli` given) to its end; never rejects. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv, options: { input?: string; cli?: string; timeoutMs?: number } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [options.cli ?? CLI, ...args], { env, timeout: options.timeoutMs ?? 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : null) : 0, stdout, stderr }),
    );
    child.stdin?.end(options.input);
  });
}
