import type { Command } from "commander";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { customNameProblem, customVoiceInfo, float32ToLittleEndian } from "../../engine/voices/index.js";
import { STYLE_DIM, STYLE_ROWS } from "../../model/contract.js";
import { CliError, formatCliError, requireWritableTarget } from "../errors.js";
import { openVoiceStore, type VoiceStoreFlags } from "./voices-load.js";

interface BlendFlags extends VoiceStoreFlags {
  out: string;
}

/**
 * `kokoro voices blend SPEC --out FILE.bin`: a blend (or any voice, OpenAI name or preset) written as a voice file,
 * float32 [510, 1, 256] little-endian, the layout of Kokoro's own `.bin` voices; `customVoices` loads it.
 */
export function registerVoicesBlend(voices: Command): void {
  voices
    .command("blend")
    .description("write a blend (e.g. 'af_bella(2)+af_sky', 'af_bella-af_sky(0.3)') as a voice .bin file the server can load")
    .argument("<spec>", "a voice, OpenAI name, blend or preset")
    .requiredOption("--out <file>", "the .bin file to write; its name (narrator.bin) is the voice's name once customVoices loads it")
    // --voices, --cache-dir and --config are `voices`' own options (commander gives them to the parent).
    .configureHelp({ showGlobalOptions: true })
    .action(async (spec: string, _options: unknown, command: Command) => {
      const flags = command.optsWithGlobals<BlendFlags>();
      if (path.extname(flags.out).toLowerCase() !== ".bin") throw new CliError(`--out ${flags.out}: a voice file ends in .bin`);
      requireWritableTarget(flags.out, "--out");
      const store = await openVoiceStore(flags);
      const resolved = store.resolve(spec);
      if (!resolved.ok) throw new CliError(resolved.message);
      try {
        await writeFile(flags.out, float32ToLittleEndian(store.packFor(resolved.voice)));
      } catch (err) {
        throw new CliError(`--out ${flags.out}: cannot write it: ${formatCliError(err).replace(`${flags.out}: `, "")}`);
      }
      const name = path.basename(flags.out, path.extname(flags.out));
      console.log(`wrote ${flags.out}: ${resolved.voice.id} (${STYLE_ROWS} × ${STYLE_DIM} float32, ${resolved.voice.language})`);
      if (customNameProblem(name) !== null) {
        const plain = name.toLowerCase().replace(/[^a-z0-9_]/g, "").replace(/^[^a-z]+/, "") || "blend";
        console.log(`to load it as a voice, put it in the customVoices folder named with lower-case letters, digits and _, e.g. ${plain}.bin`);
        return;
      }
      console.log(`put it in the customVoices folder (config customVoices or KOKORO_CUSTOM_VOICES) to use it as '${name}'`);
      const language = customVoiceInfo(name, undefined).language;
      if (language !== resolved.voice.language) {
        console.log(`it will speak ${language}; for ${resolved.voice.language}, set customVoiceLanguages: {"${name}": "${resolved.voice.language}"}`);
      }
    });
}
