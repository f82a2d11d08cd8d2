import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

/**
 * The worker script `baseName` next to the calling module: the `.js` sibling in the compiled
 * `dist/` tree, or the `.ts` source when the caller itself runs from source (Vitest, tsx).
 */
export function siblingScript(callerUrl: string, baseName: string): URL {
  const js = new URL(`./${baseName}.js`, callerUrl);
  if (existsSync(fileURLToPath(js))) return js;
  const ts = new URL(`./${baseName}.ts`, callerUrl);
  if (existsSync(fileURLToPath(ts))) return ts;
  throw new Error(`worker script ${baseName} not found next to ${fileURLToPath(callerUrl)}`);
}

/**
 * Starts a worker thread on `script`. No Node flags are inherited: the parent's (`--input-type`,
 * loaders, inspector...) can stop a worker from starting. A `.ts` script starts from a one-line
 * bootstrap that loads it through tsx, because Node 20 refuses a `.ts` worker entry even with
 * `--import tsx` in `execArgv` (ERR_UNKNOWN_FILE_EXTENSION).
 */
export function startWorker(script: URL, options: WorkerOptions = {}): Worker {
  if (!script.pathname.endsWith(".ts")) return new Worker(script, { execArgv: [], ...options });
  const tsx = import.meta.resolve("tsx/esm/api");
  const href = JSON.stringify(script.href);
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => tsx.tsImport(${href}, ${href}));`;
  return new Worker(bootstrap, { execArgv: [], ...options, eval: true });
}
