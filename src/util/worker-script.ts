import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

/**
 * Starts a worker script that sits next to the module asking for it. From the compiled `dist/`
 * tree that is the `.js` sibling. When the caller runs from TypeScript source (Vitest imports
 * `src/*.ts` directly) only the `.ts` file exists: then a small bootstrap registers tsx's loader
 * in the new thread before importing it (a worker's `execArgv` cannot carry `--import`).
 */
export function startWorker(callerUrl: string, baseName: string, options: WorkerOptions = {}): Worker {
  const js = new URL(`./${baseName}.js`, callerUrl);
  if (existsSync(fileURLToPath(js))) return new Worker(js, options);
  const ts = new URL(`./${baseName}.ts`, callerUrl);
  if (!existsSync(fileURLToPath(ts))) throw new Error(`worker script ${baseName} not found next to ${fileURLToPath(callerUrl)}`);
  const tsxApi = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(ts.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
