import path from "node:path";
import {
  AssetsMissingError,
  assertLexiconDir,
  cachePath,
  createProgressReporter,
  ensureLexicons,
  missingAssets,
  resolveCacheDir,
  type AssetProgress,
} from "./index.js";
import { LEXICON_DIR } from "./catalogue.js";
import type { Config } from "../config/schema.js";

/**
 * The folder holding misaki's lexicons: the configured one (checked to hold all four files), or the cache
 * (downloaded when missing, unless autoDownload is off: then the error lists the files and `--lexicons`).
 */
export async function lexiconDirFor(config: Config, onProgress?: (p: AssetProgress) => void): Promise<string> {
  if (config.lexicons) {
    await assertLexiconDir(config.lexicons);
    return config.lexicons;
  }
  const cacheDir = config.cacheDir ?? resolveCacheDir();
  if (!config.autoDownload) {
    const missing = await missingAssets({ cacheDir, kinds: ["lexicon"] });
    if (missing.length > 0) throw new AssetsMissingError(missing);
    return cachePath(cacheDir, LEXICON_DIR);
  }
  const reporter = createProgressReporter({ stream: process.stderr });
  const paths = await ensureLexicons({
    cacheDir,
    onProgress: (p) => {
      reporter.update(p);
      onProgress?.(p);
    },
  }).finally(() => reporter.finish());
  return path.dirname(paths.us_gold);
}
