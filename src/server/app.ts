import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { RuntimeView } from "../pipeline/runtime-state.js";
import { handleError, errorBody } from "./errors.js";
import { healthRoutes } from "./routes/health.js";
import { modelRoutes } from "./routes/models.js";
import { devRoutes } from "./routes/dev.js";
import { speechRoutes } from "./routes/speech.js";
import { speechWebSocketRoutes } from "./routes/speech-ws.js";
import websocket from "@fastify/websocket";
import { voiceRoutes } from "./routes/voices.js";

export interface AppOptions {
  readonly runtime: RuntimeView;
  readonly logger: Logger;
  readonly maxInputChars: number;
  readonly bodyLimitBytes: number;
  readonly defaultVoice: string;
  readonly codeBlocks: "skip" | "read";
  readonly maxActiveRequests: number;
  readonly adaptiveCallSizing: boolean;
}

let requestCounter = 0;

/** The HTTP app: routes only parse, validate and hand work to the pipeline. */
export function buildApp(options: AppOptions): FastifyInstance {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    bodyLimit: options.bodyLimitBytes,
    // One line per request comes from our routes (with timings); Fastify's two generic lines are noise.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      // Accept a client's id only when it is short and plain, so it is safe to echo and log.
      if (typeof given === "string" && /^[\w.-]{1,64}$/.test(given)) return given;
      return `req-${Date.now().toString(36)}-${(++requestCounter).toString(36)}`;
    },
  });
  app.addHook("onSend", async (request, reply, payload) => {
    reply.header("X-Request-Id", request.id);
    return payload;
  });
  // The API takes JSON only; without this Fastify would hand text/plain bodies to the routes as strings.
  app.removeContentTypeParser("text/plain");
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(errorBody(`no route for ${request.method} ${request.url.split("?")[0]}`, "invalid_request_error", "not_found")),
  );
  healthRoutes(app, options.runtime);
  modelRoutes(app);
  voiceRoutes(app, options.runtime);
  speechRoutes(app, options.runtime, options);
  // Routes that need the websocket plugin are added once it has loaded.
  void app.register(websocket, { options: { maxPayload: options.bodyLimitBytes } });
  void app.register(async (scoped) => speechWebSocketRoutes(scoped, options.runtime, options));
  devRoutes(app, options.runtime, options);
  return app;
}
