import { AssetsMissingError, createProgressReporter, ensureVoices, missingAssets, resolveCacheDir, type VoiceSource } from "../../assets/index.js";
import { loadConfig } from "../../config/load.js";
import { loadVoices, type VoiceStore } from "../../engine/voices/index.js";
import { formatCliError } from "../errors.js";

export interface VoiceStoreFlags {
  voices?: string;
  cacheDir?: string;
  config?: string;
}

/**
 * The voices as the server would load them (voices file or folder, customVoices, voicePresets), from the config
 * and flags. Only the voice file is needed: never the model. The per-voice .bin files will do when
 * `kokoro download --voices bin` put those in the cache instead of the npz.
 */
export async function openVoiceStore(flags: VoiceStoreFlags): Promise<VoiceStore> {
  const { config } = loadConfig({ file: flags.config, flags: { voices: flags.voices, cacheDir: flags.cacheDir } });
  const cacheDir = config.cacheDir ?? resolveCacheDir();
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
  try {
    return await loadVoices(voicesPath, { customVoices: config.customVoices, customVoiceLanguages: config.customVoiceLanguages, presets: config.voicePresets });
  } catch (err) {
    const why = formatCliError(err).replace(`${voicesPath}: `, "");
    throw new Error(`cannot read the voices ${voicesPath}${config.voices === undefined ? "" : " (--voices or KOKORO_VOICES)"}: ${why}`, { cause: err });
  }
}
