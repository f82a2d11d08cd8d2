import type { Command } from "commander";
import { ensureModelAssets, resolveCacheDir } from "../../assets/index.js";
import { loadConfig } from "../../config/load.js";
import { loadVoices, OPENAI_VOICES } from "../../engine/voices/index.js";

interface VoicesFlags {
  voices?: string;
  cacheDir?: string;
  config?: string;
  json?: boolean;
}

export function registerVoices(program: Command): void {
  program
    .command("voices")
    .description("list the available voices and how OpenAI voice names map to them")
    .option("--voices <path>", "a folder of voice .bin files or a voices-v1.0.bin .npz (default: the cached voices)")
    .option("--cache-dir <dir>", "asset cache directory")
    .option("--config <file>", "JSON config file")
    .option("--json", "print JSON")
    .action(async (flags: VoicesFlags) => {
      const { config } = loadConfig({ file: flags.config, flags: { voices: flags.voices, cacheDir: flags.cacheDir } });
      const voicesPath =
        config.voices ??
        (await ensureModelAssets({ cacheDir: config.cacheDir ?? resolveCacheDir(), variant: config.variant })).voicesPath;
      const store = await loadVoices(voicesPath);
      const aliases = OPENAI_VOICES.filter((v) => store.has(v.kokoro));
      if (flags.json) {
        console.log(JSON.stringify({ voices: store.list(), openai_aliases: Object.fromEntries(aliases.map((v) => [v.openai, v.kokoro])) }, null, 2));
        return;
      }
      for (const v of store.list()) console.log(`${v.name.padEnd(16)} ${v.language.padEnd(6)} ${v.gender}`);
      console.log("\nOpenAI names:");
      for (const v of aliases) console.log(`${v.openai.padEnd(16)} → ${v.kokoro}`);
    });
}
