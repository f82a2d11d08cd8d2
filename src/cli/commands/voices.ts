import type { Command } from "commander";
import { AssetsMissingError, createProgressReporter, ensureVoices, missingAssets, resolveCacheDir, type VoiceSource } from "../../assets/index.js";
import { loadConfig } from "../../config/load.js";
import { loadVoices, OPENAI_VOICES } from "../../engine/voices/index.js";
import { formatCliError } from "../errors.js";

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
      const cacheDir = config.cacheDir ?? resolveCacheDir();
      // Only the voice file is needed to list voices: never the model. The per-voice .bin files will do when
      // `kokoro download --voices bin` put those in the cache instead of the npz.
      let source: VoiceSource = "npz";
      if (config.voices === undefined) {
        const missing = await missingAssets({ cacheDir, kinds: ["voices"], voices: "npz" });
        if (missing.length > 0 && (await missingAssets({ cacheDir, kinds: ["voices"], voices: "bin" })).length === 0) source = "bin";
        else if (missing.length > 0 && !config.autoDownload) throw new AssetsMissingError(missing);
      }
      const reporter = createProgressReporter({ stream: process.stderr });
      const voicesPath = await ensureVoices({ cacheDir, voices: source, voicesPath: config.voices, onProgress: (p) => reporter.update(p) }).finally(() =>
        reporter.finish(),
      );
      let store;
      try {
        store = await loadVoices(voicesPath);
      } catch (err) {
        const why = formatCliError(err).replace(`${voicesPath}: `, "");
        throw new Error(`cannot read the voices ${voicesPath}${config.voices === undefined ? "" : " (--voices or KOKORO_VOICES)"}: ${why}`, { cause: err });
      }
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
