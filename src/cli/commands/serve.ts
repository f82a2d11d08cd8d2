import type { Command } from "commander";
import { loadConfig } from "../../config/load.js";
import { redactConfig } from "../../config/describe.js";
import { createSpeechServer } from "../../server/speech-server.js";
import { createLogger } from "../../telemetry/logger.js";
import { addModelOptions, modelFlagsToConfig, type ModelFlags } from "../common-options.js";

interface ServeFlags extends ModelFlags {
  host?: string;
  port?: string;
}

export function registerServe(program: Command): void {
  addModelOptions(
    program
      .command("serve")
      .description("run the OpenAI-compatible speech server (downloads the model on first run)")
      .option("--host <host>", "address to bind (default 127.0.0.1)")
      .option("--port <port>", "port to listen on (default 8880; 0 picks a free port)"),
  ).action(async (flags: ServeFlags) => {
    const { config, file } = loadConfig({ file: flags.config, flags: { ...modelFlagsToConfig(flags), host: flags.host, port: flags.port } });
    const logger = createLogger(config.logLevel);
    logger.info({ config: redactConfig(config), configFile: file }, "config");

    const server = createSpeechServer(config, logger);
    const { app, runtime } = server;

    let stopping = false;
    const shutdown = async (signal: string): Promise<void> => {
      if (stopping) {
        // A second signal while draining: stop now.
        logger.warn({ signal }, "second signal: exiting without waiting");
        process.exit(0);
      }
      stopping = true;
      logger.info({ signal, grace_ms: config.shutdownGraceMs }, "shutting down");
      const { cancelled } = await server.shutdown(config.shutdownGraceMs);
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

    const address = await app.listen({ host: config.host, port: config.port });
    logger.info({ address }, "listening");
    // Printed on stdout so scripts (and tests) can find the port when --port 0 was used.
    console.log(`kokoro-server listening on ${address}`);

    try {
      await runtime.start();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      logger.fatal({ error: message }, "start-up failed");
      logger.flush();
      console.error(`kokoro: start-up failed: ${message}`);
      await server.close();
      process.exit(1);
    }
  });
}
