import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { Config } from "../config/schema.js";
import { SpeechRuntime } from "../pipeline/runtime.js";
import { buildApp } from "./app.js";

export interface SpeechServer {
  readonly app: FastifyInstance;
  readonly runtime: SpeechRuntime;
  /** Stops accepting requests, then releases the workers. */
  close(): Promise<void>;
}

/** The HTTP app wired to a (not yet started) runtime, both from one config. */
export function createSpeechServer(config: Config, logger: Logger): SpeechServer {
  const runtime = new SpeechRuntime(config, logger);
  const app = buildApp({
    runtime,
    logger,
    maxInputChars: config.maxInputChars,
    bodyLimitBytes: config.bodyLimitBytes,
    defaultVoice: config.defaultVoice,
    codeBlocks: config.codeBlocks,
    maxActiveRequests: config.maxActiveRequests,
    adaptiveCallSizing: config.adaptiveCallSizing,
  });
  return {
    app,
    runtime,
    close: async () => {
      await app.close();
      await runtime.close();
    },
  };
}
