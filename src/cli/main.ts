import { Command } from "commander";
import { formatCliError } from "./errors.js";
import { packageVersion } from "./version.js";

type Register = (program: Command) => void;

/**
 * Each command's module, loaded only when that command runs (or for help): the server's modules
 * (Fastify, onnxruntime-node) take ~0.4 s to load, which `kokoro say` and `kokoro stop` must not pay.
 */
const MODULES: Record<string, () => Promise<Register>> = {
  serve: async () => (await import("./commands/serve.js")).registerServe,
  download: async () => (await import("./commands/download.js")).registerDownload,
  bench: async () => (await import("./commands/bench.js")).registerBench,
  voices: async () => (await import("./commands/voices.js")).registerVoices,
  say: async () => (await import("./commands/say.js")).registerSay,
  daemon: async () => (await import("./commands/daemon.js")).registerDaemon,
  playback: async () => (await import("./commands/playback.js")).registerPlayback,
  text: async () => (await import("./commands/text.js")).registerTextCommands,
};

/** Commands registered by a module other than their own name. */
const MODULE_OF: Record<string, string> = { stop: "playback", pause: "playback", resume: "playback", skip: "playback", normalize: "text", phonemize: "text" };

const program = new Command()
  .name("kokoro")
  .description("Local, near-instant text-to-speech on Kokoro-82M with an OpenAI-compatible server")
  .version(packageVersion())
  .showHelpAfterError();

const command = process.argv[2] ?? "";
const only = MODULE_OF[command] ?? (command in MODULES ? command : null);
// Help, --version, or an unknown command: every command is registered so commander can list or suggest them.
for (const name of only ? [only] : Object.keys(MODULES)) (await MODULES[name]!())(program);

// Every failure ends here: one `kokoro: …` sentence on stderr (naming the flag or file) and exit status 1.
program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(`kokoro: ${formatCliError(err)}`);
  process.exit(1);
});
