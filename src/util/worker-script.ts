import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { WorkerOptions } from "node:worker_threads";

/**
 * Locates a worker script that sits next to the module asking for it. From the compiled `dist/`
 * tree that is the `.js` sibling. When the caller runs from TypeScript source (Vitest imports
 * `src/*.ts` directly) only the `.ts` file exists, so the worker is started through tsx's loader.
 */
export function workerScript(callerUrl: string, baseName: string): { url: URL; options: WorkerOptions } {
  const js = new URL(`./${baseName}.js`, callerUrl);
  if (existsSync(fileURLToPath(js))) return { url: js, options: {} };
  const ts = new URL(`./${baseName}.ts`, callerUrl);
  if (existsSync(fileURLToPath(ts))) return { url: ts, options: { execArgv: ["--import", "tsx"] } };
  throw new Error(`worker script ${baseName} not found next to ${fileURLToPath(callerUrl)}`);
}
