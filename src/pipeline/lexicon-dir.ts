import path from "node:path";
import { createProgressReporter, ensureLexicons, resolveCacheDir, type AssetProgress } from "../assets/index.js";
import type { Config } from "../config/schema.js";

/** The folder holding misaki's lexicons: the configured one, or the cache (downloaded when missing). */
export async function lexiconDirFor(config: Config, onProgress?: (p: AssetProgress) => void): Promise<string> {
  if (config.lexicons) return config.lexicons;
  if (!config.autoDownload) {
    throw new Error("no lexicons configured and autoDownload is off: pass --lexicons DIR or run `kokoro download`");
  }
  const reporter = createProgressReporter({ stream: process.stderr });
  const paths = await ensureLexicons({
    cacheDir: config.cacheDir ?? resolveCacheDir(),
    onProgress: (p) => {
      reporter.update(p);
      onProgress?.(p);
    },
  }).finally(() => reporter.finish());
  return path.dirname(paths.us_gold);
}
