import type { Command } from "commander";
import { formatCatalogue, resolveCacheDir, runDownload } from "../../assets/index.js";
import { loadConfig } from "../../config/load.js";
import { requireWritableDir } from "../errors.js";

interface DownloadFlags {
  variant?: string;
  voices?: string;
  list?: boolean;
  lexicons?: boolean;
  cacheDir?: string;
  config?: string;
}

export function registerDownload(program: Command): void {
  program
    .command("download")
    .description("download a model variant, the voices and the misaki lexicons into the cache (resumable, checksummed)")
    .option("--variant <name>", "model variant (see --list)")
    .option("--voices <source>", "voice files: npz (one voices-v1.0.bin) or bin (54 .bin files)", "npz")
    .option("--no-lexicons", "skip the misaki lexicons")
    .option("--cache-dir <dir>", "asset cache directory (default: $KOKORO_HOME, else the XDG cache dir)")
    .option("--config <file>", "JSON config file")
    .option("--list", "list the catalogue and exit")
    .action(async (flags: DownloadFlags) => {
      if (flags.list) {
        console.log(formatCatalogue());
        return;
      }
      const { config } = loadConfig({ file: flags.config, flags: { variant: flags.variant, cacheDir: flags.cacheDir } });
      requireWritableDir(config.cacheDir ?? resolveCacheDir(), flags.cacheDir !== undefined ? "--cache-dir" : "the cache folder (KOKORO_HOME or XDG_CACHE_HOME)");
      await runDownload({ variant: config.variant, voices: flags.voices, lexicons: flags.lexicons, cacheDir: config.cacheDir });
    });
}
