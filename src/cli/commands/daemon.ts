import { Option, type Command } from "commander";
import type { LevelWithSilent } from "pino";
import { startDaemon } from "../../player/daemon-server.js";
import { daemonPort, serverUrl } from "../../player/defaults.js";
import { openSink, parseSinkSpec } from "../../player/sinks/choose-sink.js";
import { ALLOWED_SERVERS_ENV, parseAllowedServers } from "../../player/speech-servers.js";
import { createLogger } from "../../telemetry/logger.js";
import { CliError, formatCliError, portFlag } from "../errors.js";

interface DaemonFlags {
  port?: string;
  sink: string;
  server?: string;
  allowServer?: string;
  logLevel: LevelWithSilent;
}

/** Runs a flag's parser; its error becomes a sentence that starts with the flag. */
function named<T>(flag: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    throw new CliError(`${flag}: ${formatCliError(err)}`);
  }
}

export function registerDaemon(program: Command): void {
  program
    .command("daemon")
    .description("run the local audio daemon that plays speech (kokoro say starts one when none runs)")
    .option("--port <port>", "port on 127.0.0.1 (default: $KOKORO_DAEMON_PORT, else 8881)")
    .option("--sink <sink>", "where audio goes: auto, null (real-time, silent), file:PATH (.wav or raw), ffplay, play (sox), aplay, paplay", "auto")
    .option("--server <url>", "the speech server it fetches text's audio from (default: $KOKORO_SERVER_URL, else http://127.0.0.1:8880)")
    .option("--allow-server <origins>", `more speech-server origins a /play may name, comma-separated (default: $${ALLOWED_SERVERS_ENV}, else none)`)
    .addOption(new Option("--log-level <level>", "log level").choices(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"))
    .action(async (flags: DaemonFlags) => {
      const logger = createLogger(flags.logLevel);
      const port = daemonPort(portFlag(flags.port, "--port", "KOKORO_DAEMON_PORT"));
      const server = named("--server", () => serverUrl(flags.server));
      const allowedServers = named("--allow-server", () => parseAllowedServers(flags.allowServer ?? process.env[ALLOWED_SERVERS_ENV]));
      const spec = named("--sink", () => parseSinkSpec(flags.sink));
      const { sink, warning } = await openSink(spec).catch((err: unknown) => {
        throw new CliError(`--sink ${flags.sink}: ${formatCliError(err)}`);
      });
      if (warning) logger.warn(warning);
      let daemon;
      try {
        daemon = await startDaemon({ sink, port, server, allowedServers, logger });
      } catch (err) {
        await sink.close();
        const code = (err as NodeJS.ErrnoException).code;
        throw new CliError(code === "EADDRINUSE" ? `--port ${port} is already in use (another kokoro daemon?)` : formatCliError(err));
      }
      const shutdown = async (signal: string): Promise<void> => {
        logger.info({ signal }, "shutting down");
        await daemon.close();
        logger.flush();
        process.exit(0);
      };
      process.once("SIGINT", () => void shutdown("SIGINT"));
      process.once("SIGTERM", () => void shutdown("SIGTERM"));
      logger.info({ url: daemon.url, sink: sink.name, server, allowedServers, tokenFile: daemon.tokenFile }, "daemon listening");
      console.log(`kokoro daemon listening on ${daemon.url} (sink ${sink.name})`);
    });
}
