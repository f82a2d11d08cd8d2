import websocket from "@fastify/websocket";
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Logger } from "pino";
import type { RuntimeView } from "../runtime/runtime-state.js";
import type { StatusSections } from "../telemetry/status.js";
import { ActiveLimit } from "./active-limit.js";
import { handleError, errorBody, handleClientError } from "./errors.js";
import { openApi } from "./openapi/plugin.js";
import { adminRoutes } from "./routes/admin.js";
import { devRoutes } from "./routes/dev.js";
import { healthRoutes } from "./routes/health.js";
import { modelRoutes } from "./routes/models.js";
import { playgroundRoutes } from "./routes/playground.js";
import { speechWebSocketRoutes } from "./routes/speech-ws.js";
import { speechRoutes } from "./routes/speech.js";
import type { SpeechRouteOptions } from "./speech-options.js";
import { dialogueRoutes } from "./routes/dialogue.js";
import { telemetryRoutes } from "./routes/telemetry.js";
import { voiceRoutes } from "./routes/voices.js";
import { security, serverTimeoutOptions, type HttpTimeouts, type SecurityOptions } from "./security/index.js";
import { websocketOptions } from "./websocket.js";

/** What the speech routes need (SpeechRouteOptions), plus the app's own settings. */
export interface AppOptions extends SpeechRouteOptions {
  readonly runtime: RuntimeView;
  readonly logger: Logger;
  readonly bodyLimitBytes: number;
  /** Effective settings for /status (secrets redacted). */
  readonly settings: Record<string, unknown>;
  readonly statusSections?: StatusSections;
  /** API keys, rate limit, CORS, Host and Origin checks; absent = none of them. */
  readonly security?: SecurityOptions;
  /** The HTTP server's timeouts; absent = Fastify's and Node's defaults. */
  readonly timeouts?: HttpTimeouts;
}

let requestCounter = 0;

/** The HTTP app: each route is a plugin that only parses, validates and hands work to the pipeline. */
export function buildApp(options: AppOptions): FastifyInstance {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    bodyLimit: options.bodyLimitBytes,
    ...(options.timeouts ? serverTimeoutOptions(options.timeouts) : {}),
    // Errors raised before a route runs (undecodable URL, malformed HTTP) get the same OpenAI-shaped bodies.
    frameworkErrors: handleError,
    clientErrorHandler: handleClientError,
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
  // Requests by route pattern (never the raw URL, so scanners cannot blow up the label set).
  // Counted when the connection is done with the response, so a client that hangs up mid-response is counted
  // too, as status 499 (nginx's "client closed request"); Fastify's onResponse hook only sees finished ones.
  app.addHook("onRequest", async (request, reply) => {
    reply.raw.once("close", () => {
      const route = request.routeOptions.url ?? "unmatched";
      const status = reply.raw.writableFinished ? String(reply.statusCode) : "499";
      options.telemetry.metrics.requests.inc({ route, method: request.method, status });
    });
  });
  app.setErrorHandler(handleError);
  // Routes declare zod schemas (their bodies, params, responses): zod validates them and writes the JSON, and the
  // same schemas make the OpenAPI document. A refused body becomes an OpenAI-shaped 400 (errors.ts).
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // First of the plugins: CORS, Host and Origin checks, rate limits and API keys run before any route (see security/plugin.ts).
  if (options.security) void app.register(security, options.security);
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(errorBody(`no route for ${request.method} ${request.url.split("?")[0]}`, "invalid_request_error", "not_found")),
  );
  // Before the routes, so that the OpenAPI document (collected as routes are added) lists them all.
  void app.register(openApi);
  // Every route is a plugin registered here, after the security and docs plugins: their hooks cover it.
  void app.register(async (scope) => healthRoutes(scope, options.runtime, options.lifecycle));
  void app.register(telemetryRoutes, options);
  void app.register(modelRoutes);
  void app.register(voiceRoutes, options);
  // One count of requests in progress for HTTP requests and WebSocket sessions alike.
  const slots = new ActiveLimit(options.maxActiveRequests);
  options.telemetry.countSlots(() => slots.count);
  void app.register(speechRoutes, { ...options, slots });
  void app.register(dialogueRoutes, { ...options, slots });
  // The WebSocket route needs the websocket plugin loaded first (plugins load in the order registered).
  void app.register(websocket, websocketOptions(options.bodyLimitBytes, options.lifecycle));
  void app.register(speechWebSocketRoutes, { ...options, slots });
  void app.register(devRoutes, options);
  void app.register(adminRoutes, options);
  void app.register(playgroundRoutes);
  return app;
}
