import type { Command } from "commander";
import { OPENAI_VOICES } from "../../engine/voices/index.js";
import { registerVoicesBlend } from "./voices-blend.js";
import { openVoiceStore } from "./voices-load.js";

interface VoicesFlags {
  voices?: string;
  cacheDir?: string;
  config?: string;
  json?: boolean;
}

export function registerVoices(program: Command): void {
  const voices = program
    .command("voices")
    .description("list the available voices and how OpenAI voice names map to them")
    .option("--voices <path>", "a folder of voice .bin files or a voices-v1.0.bin .npz (default: the cached voices)")
    .option("--cache-dir <dir>", "asset cache directory")
    .option("--config <file>", "JSON config file")
    .option("--json", "print JSON")
    .action(async (flags: VoicesFlags) => {
      const store = await openVoiceStore(flags);
      const aliases = OPENAI_VOICES.filter((v) => store.has(v.kokoro));
      if (flags.json) {
        const presets = Object.fromEntries(store.presets());
        console.log(JSON.stringify({ voices: store.list(), openai_aliases: Object.fromEntries(aliases.map((v) => [v.openai, v.kokoro])), presets }, null, 2));
        return;
      }
      for (const v of store.list()) console.log(`${v.name.padEnd(16)} ${v.language.padEnd(6)} ${v.gender}`);
      console.log("\nOpenAI names:");
      for (const v of aliases) console.log(`${v.openai.padEnd(16)} → ${v.kokoro}`);
      if (store.presets().size === 0) return;
      console.log("\nPresets:");
      for (const [name, p] of store.presets()) console.log(`${name.padEnd(16)} → ${p.voice}${p.speed === undefined ? "" : ` at speed ${p.speed}`}`);
    });
  registerVoicesBlend(voices);
}
