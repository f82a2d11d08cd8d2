import { Option, type Command } from "commander";
import { DEVICES } from "../engine/providers/types.js";

/** Options every command that loads the model shares; their values become config flags. */
export function addModelOptions(command: Command): Command {
  return command
    .option("--config <file>", "JSON config file (default: $KOKORO_CONFIG, else ~/.config/kokoro-server/config.json if present)")
    .option("--model <path>", "a Kokoro ONNX model file to use instead of the cached download")
    .option("--voices <path>", "a folder of voice .bin files or a voices-v1.0.bin .npz file")
    .option("--variant <name>", "model variant from the catalogue (see `kokoro download --list`)")
    .option("--lexicons <dir>", "folder with misaki's us_gold/us_silver/gb_gold/gb_silver.json (default: the cached copy)")
    .option("--user-lexicon <file>", "JSON user lexicon (word → phonemes), reloaded when it changes")
    .option("--cache-dir <dir>", "asset cache directory (default: $KOKORO_HOME, else the XDG cache dir)")
    .addOption(new Option("--device <device>", "execution provider: auto benchmarks what this machine offers and caches the choice (default auto)").choices(["auto", ...DEVICES]))
    .addOption(new Option("--log-level <level>", "log level").choices(["fatal", "error", "warn", "info", "debug", "trace", "silent"]));
}

export interface ModelFlags {
  config?: string;
  model?: string;
  voices?: string;
  variant?: string;
  lexicons?: string;
  userLexicon?: string;
  cacheDir?: string;
  logLevel?: string;
  device?: string;
}

/** The config keys these flags set (undefined = not given on the command line). */
export function modelFlagsToConfig(flags: ModelFlags): Record<string, unknown> {
  return { model: flags.model, voices: flags.voices, variant: flags.variant, lexicons: flags.lexicons, userLexicon: flags.userLexicon, cacheDir: flags.cacheDir, logLevel: flags.logLevel, device: flags.device };
}
