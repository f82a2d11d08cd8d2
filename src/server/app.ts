import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { RuntimeView } from "../runtime/runtime-state.js";
import { handleError, errorBody, handleClientError } from "./errors.js";
import { healthRoutes } from "./routes/health.js";
import { modelRoutes } from "./routes/models.js";
import { devRoutes } from "./routes/dev.js";
import { speechRoutes, type SpeechRouteOptions } from "./routes/speech.js";
import { speechWebSocketRoutes } from "./routes/speech-ws.js";
import { ActiveLimit } from "./active-limit.js";
import websocket from "@fastify/websocket";
import { voiceRoutes } from "./routes/voices.js";
import { adminRoutes } from "./routes/admin.js";
import { playgroundRoutes } from "./routes/playground.js";
import { telemetryRoutes } from "./routes/telemetry.js";
import type { StatusSections } from "../telemetry/status.js";
import { security, serverTimeoutOptions, type HttpTimeouts, type SecurityOptions } from "./security/index.js";

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

/** The HTTP app: routes only parse, validate and hand work to the pipeline. */
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
  // First of the plugins: CORS, Host and Origin checks, rate limits and API keys run before any route (see security/plugin.ts).
  if (options.security) void app.register(security, options.security);
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(errorBody(`no route for ${request.method} ${request.url.split("?")[0]}`, "invalid_request_error", "not_found")),
  );
  healthRoutes(app, options.runtime);
  telemetryRoutes(app, options.runtime, options);
  modelRoutes(app);
  voiceRoutes(app, options.runtime);
  // One count of requests in progress for HTTP requests and WebSocket sessions alike.
  const slots = new ActiveLimit(options.maxActiveRequests);
  options.telemetry.countSlots(() => slots.count);
  speechRoutes(app, options.runtime, options, slots);
  // Routes that need the websocket plugin are added once it has loaded.
  void app.register(websocket, {
    options: { maxPayload: options.bodyLimitBytes },
    // On close, open sessions may finish until the shutdown grace period ends (lifecycle.signal), then
    // the rest are closed with 1001 "going away".
    preClose(done) {
      const server = this.websocketServer;
      let finished = false;
      const closeAll = (): void => {
        if (finished) return;
        finished = true;
        clearInterval(poll);
        for (const client of server.clients) client.close(1001, "server shutting down");
        server.close(() => done());
      };
      const poll = setInterval(() => server.clients.size === 0 && closeAll(), 50);
      if (server.clients.size === 0 || options.lifecycle.signal.aborted) closeAll();
      else options.lifecycle.signal.addEventListener("abort", closeAll, { once: true });
    },
  });
  void app.register(async (scoped) => speechWebSocketRoutes(scoped, options.runtime, options, slots));
  devRoutes(app, options.runtime, options);
  adminRoutes(app, options.runtime);
  playgroundRoutes(app);
  return app;
}
