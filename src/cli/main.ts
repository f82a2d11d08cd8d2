import { Command } from "commander";
import { registerDownload } from "./commands/download.js";
import { registerSay } from "./commands/say.js";
import { registerServe } from "./commands/serve.js";
import { registerTextCommands } from "./commands/text.js";
import { registerVoices } from "./commands/voices.js";
import { packageVersion } from "./version.js";

const program = new Command()
  .name("kokoro")
  .description("Local, near-instant text-to-speech on Kokoro-82M with an OpenAI-compatible server")
  .version(packageVersion())
  .showHelpAfterError();

registerServe(program);
registerDownload(program);
registerVoices(program);
registerSay(program);
registerTextCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(`kokoro: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
