import type { Command } from "commander";
import { preflightAssets, resolveCacheDir } from "../../assets/index.js";
import type { Config } from "../../config/schema.js";
import { loadConfig } from "../../config/load.js";
import { redactConfig } from "../../config/describe.js";
import { SpeechRuntime } from "../../runtime/runtime.js";
import { createLogger } from "../../telemetry/logger.js";
import { addModelOptions, modelFlagsToConfig, type ModelFlags } from "../common-options.js";
import { resolveDemoAssets } from "../demo.js";
import { CliError, formatCliError, requireFile } from "../errors.js";

interface ServeFlags extends ModelFlags {
  host?: string;
  port?: string;
  demo?: boolean;
}

/**
 * Everything that can be checked before the port is opened: the config, the demo's files, every asset
 * (local paths given, and what the cache lacks: downloadable, or all listed at once), the user lexicon.
 */
async function startupConfig(flags: ServeFlags): Promise<{ config: Config; file: string | null; demo: boolean }> {
  const cliFlags = { ...modelFlagsToConfig(flags), host: flags.host, port: flags.port };
  let loaded = loadConfig({ file: flags.config, flags: cliFlags });
  if (flags.demo) {
    if (flags.model !== undefined || flags.variant !== undefined) throw new CliError("--demo runs the fixture model: leave out --model and --variant");
    const demo = resolveDemoAssets({ voices: loaded.config.voices, lexicons: loaded.config.lexicons, cacheDir: loaded.config.cacheDir ?? resolveCacheDir() });
    loaded = loadConfig({ file: flags.config, flags: { ...cliFlags, ...demo, autoDownload: false } });
  }
  const { config } = loaded;
  try {
    await preflightAssets({
      cacheDir: config.cacheDir ?? resolveCacheDir(),
      variant: config.variant,
      modelPath: config.model,
      voicesPath: config.voices,
      lexiconDir: config.lexicons,
      autoDownload: config.autoDownload,
    });
    if (config.userLexicon !== undefined) requireFile(config.userLexicon, "--user-lexicon (KOKORO_USER_LEXICON)");
    if (config.apiKeysFile !== undefined) requireFile(config.apiKeysFile, "apiKeysFile (KOKORO_API_KEYS_FILE)");
  } catch (err) {
    throw new CliError(`start-up failed: ${formatCliError(err)}`, { cause: err });
  }
  return { ...loaded, demo: flags.demo === true };
}

/** A sentence for a failed listen(): the address in use, or a host that is not this machine's. */
function listenError(err: unknown, host: string, port: number): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "EADDRINUSE") return new CliError(`cannot listen on ${host}:${port}: the port is already in use (another kokoro serve?); choose another with --port or KOKORO_PORT`);
  if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EINVAL") {
    return new CliError(`cannot listen on --host ${host}: it is not an address of this machine (try 127.0.0.1, or 0.0.0.0 for every interface)`);
  }
  if (code === "EACCES") return new CliError(`cannot listen on ${host}:${port}: permission denied (ports below 1024 need privileges); choose another with --port`);
  return err instanceof Error ? err : new Error(String(err));
}

export function registerServe(program: Command): void {
  addModelOptions(
    program
      .command("serve")
      .description("run the OpenAI-compatible speech server (downloads the model on first run)")
      .option("--host <host>", "address to bind (default 127.0.0.1)")
      .option("--port <port>", "port to listen on (default 8880; 0 picks a free port)")
      .option("--demo", "try it without downloading: the fixture model from `npm run fixtures` (it speaks in tones, not speech) with local voices and lexicons"),
  ).action(async (flags: ServeFlags) => {
    const { config, file, demo } = await startupConfig(flags);
    const logger = createLogger(config.logLevel);
    logger.info({ config: redactConfig(config), configFile: file, demo }, "config");

    // The model starts loading (in its worker threads) before the HTTP modules are imported (~0.3 s of the main
    // thread): the two overlap, which is a tenth of a warm start. Readiness is still only published by /health.
    const runtime = new SpeechRuntime(config, logger);
    runtime.start().catch(() => undefined); // awaited (and reported) after listen, below
    const { createSpeechServer } = await import("../../server/speech-server.js");
    const server = createSpeechServer(config, logger, runtime);
    const { app } = server;

    let stopping = false;
    const shutdown = async (signal: string): Promise<void> => {
      if (stopping) {
        // A second signal while draining: stop now.
        logger.warn({ signal }, "second signal: exiting without waiting");
        process.exit(0);
      }
      stopping = true;
      logger.info({ signal, grace_ms: config.shutdownGraceMs, drain_delay_ms: config.drainDelayMs }, "shutting down");
      const { cancelled } = await server.shutdown(config.shutdownGraceMs, config.drainDelayMs);
      logger.info({ cancelled_in_flight: cancelled }, "stopped");
      logger.flush();
      process.exit(0);
    };
    process.on("SIGINT", () => void shutdown("SIGINT"));
    process.on("SIGTERM", () => void shutdown("SIGTERM"));
    // A bug in one request must not take every other listener down: log it and keep serving.
    process.on("unhandledRejection", (reason) => {
      logger.error({ err: reason instanceof Error ? reason.message : String(reason) }, "unhandled rejection (request failed; server keeps running)");
    });
    process.on("uncaughtException", (err) => {
      logger.error({ err: err.message, stack: err.stack }, "uncaught exception (server keeps running)");
    });

    let address: string;
    try {
      address = await app.listen({ host: config.host, port: config.port });
    } catch (err) {
      await server.close().catch(() => undefined);
      throw listenError(err, config.host, config.port);
    }
    logger.info({ address }, "listening");
    // Printed on stdout so scripts (and tests) can find the port when --port 0 was used.
    console.log(`kokoro-server listening on ${address}`);
    if (demo) {
      console.log(`demo: fixture model ${config.model} (it plays tones, not speech), voices ${config.voices}, lexicons ${config.lexicons}`);
    }

    try {
      await runtime.start();
    } catch (err) {
      const message = formatCliError(err);
      logger.fatal({ error: message }, "start-up failed");
      logger.flush();
      console.error(`kokoro: start-up failed: ${message}`);
      await server.close();
      process.exit(1);
    }
  });
}
