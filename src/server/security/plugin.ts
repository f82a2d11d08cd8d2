import cors from "@fastify/cors";
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ApiError } from "../errors.js";
import { isOpenRequest, isProbePath, pathOf } from "./access.js";
import { HostPolicy, OriginPolicy } from "./origin.js";
import { ApiKeyRing } from "./api-keys.js";
import { corsOptions } from "./cors.js";
import { presentedKey } from "./credentials.js";

export interface SecurityOptions {
  /** Accepted API keys (already merged with the keys file); empty = no authentication. */
  readonly apiKeys: readonly string[];
  /** Requests a minute per key (or per client IP for requests without a valid key); 0 = no limit. */
  readonly rateLimitPerMinute: number;
  /** Origins allowed by CORS (`*` = any); empty = no CORS headers at all. Without keys, also the origins that may change state. */
  readonly corsOrigins: readonly string[];
  /** Whether the server is bound to a loopback address: then only loopback names and `allowedHosts` may be the Host. */
  readonly loopbackBind: boolean;
  /** Host names answered besides loopback ones ("*" = any); when set, checked whatever the bind address. */
  readonly allowedHosts: readonly string[];
}

const WINDOW_MS = 60_000;
const REALM = 'Bearer realm="kokoro-server"';

function unauthorized(missing: boolean): ApiError {
  const message = missing
    ? "missing API key: send it as 'Authorization: Bearer <key>'"
    : "incorrect API key provided";
  const challenge = missing ? REALM : `${REALM}, error="invalid_token"`;
  return new ApiError(401, message, "invalid_api_key", null, "invalid_request_error", { "WWW-Authenticate": challenge });
}

function hostNotAllowed(host: string, loopbackBind: boolean): ApiError {
  const shown = JSON.stringify(host.slice(0, 100));
  const why = loopbackBind
    ? "this server listens on a loopback address and answers only to localhost, 127.0.0.1 and [::1]"
    : "it is not in allowedHosts";
  return new ApiError(403, `Host ${shown} is not allowed: ${why}; to use this name, add it to allowedHosts (KOKORO_ALLOWED_HOSTS)`, "host_not_allowed");
}

function originNotAllowed(origin: string): ApiError {
  return new ApiError(
    403,
    `cross-origin request refused: Origin ${JSON.stringify(origin.slice(0, 100))} may not change state on a server without API keys; allow it with corsOrigins (KOKORO_CORS_ORIGINS), or set API keys`,
    "origin_not_allowed",
  );
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const isAdminPath = (path: string | undefined): boolean => path !== undefined && /^\/admin(?:\/|$)/i.test(path);

/**
 * Host and Origin checks, which apply with or without keys (see HostPolicy and OriginPolicy). GET and HEAD of
 * the probes (`/health`, `/livez`, `/readyz`) skip the Host check: a load balancer probes with whatever Host it
 * likes. Without API keys, a request from a foreign Origin may not open the WebSocket, use any method but GET,
 * HEAD and OPTIONS, or touch `/admin`: a browser sends Origin on all of those, and nothing else stops a page at
 * any origin from using a local server.
 */
function hostAndOriginGuard(options: SecurityOptions, keysEnabled: boolean) {
  const hosts = new HostPolicy(options.loopbackBind, options.allowedHosts);
  const origins = keysEnabled ? null : new OriginPolicy(options.corsOrigins);
  return async (request: FastifyRequest): Promise<void> => {
    const { host, origin, upgrade } = request.headers;
    const paths = [pathOf(request.url), request.routeOptions.url];
    const probe = (request.method === "GET" || request.method === "HEAD") && paths.every((p) => p === undefined || isProbePath(p));
    if (!probe && !hosts.allows(host)) {
      request.log.warn({ host: host?.slice(0, 100), path: paths[0]!.slice(0, 200) }, "refused: Host not allowed");
      throw hostNotAllowed(host ?? "", hosts.loopbackBind);
    }
    if (!origins || origin === undefined) return;
    const isUpgrade = typeof upgrade === "string" && upgrade.toLowerCase() === "websocket";
    const guarded = isUpgrade || !SAFE_METHODS.has(request.method) || (request.method !== "OPTIONS" && paths.some(isAdminPath));
    if (guarded && !origins.allows(origin, host)) {
      request.log.warn({ origin: origin.slice(0, 100), path: paths[0]!.slice(0, 200) }, "refused: cross-origin request without API keys");
      throw originNotAllowed(origin);
    }
  };
}

/**
 * CORS, Host and Origin checks, rate limits and API keys, as one plugin whose hooks apply to every route of the app (also those
 * added before or after it, and the not-found handler). Per request, in this order:
 *   1. CORS headers (and preflight answers) when `corsOrigins` is set, so even a 403, 401 or 429 is readable by the page;
 *   2. the Host check, and without keys the Origin check (see hostAndOriginGuard): 403;
 *   3. open requests (`/health`, preflights, static files; see `isOpenRequest`) pass without a key or a limit;
 *   4. the rate limit, per valid key, else per client IP (so guessing keys is limited too): 429 + Retry-After;
 *   5. the key check when keys are configured: 401 + WWW-Authenticate. Keys are never logged; a client shows in
 *      the log as `client: key-<8 hex digits of the key's SHA-256>`.
 */
async function securityPlugin(app: FastifyInstance, options: SecurityOptions): Promise<void> {
  const keys = new ApiKeyRing(options.apiKeys);
  const limited = options.rateLimitPerMinute > 0;
  if (options.corsOrigins.length > 0) await app.register(cors, corsOptions(options.corsOrigins));
  // A refusal is thrown, so the app's error handler writes it (and closes the socket of a refused WebSocket upgrade).
  app.addHook("onRequest", hostAndOriginGuard(options, keys.enabled));
  if (!keys.enabled && !limited) return;

  const rateKeys = new WeakMap<FastifyRequest, string>();
  let limit: ReturnType<FastifyInstance["createRateLimit"]> | null = null;
  if (limited) {
    // global: false, since its per-route hooks would miss routes added before it; the hook below covers all.
    await app.register(rateLimit, {
      global: false,
      max: options.rateLimitPerMinute,
      timeWindow: WINDOW_MS,
      keyGenerator: (request) => rateKeys.get(request) ?? `ip:${request.ip}`,
    });
    limit = app.createRateLimit();
  }

  const enforceRateLimit = async (request: FastifyRequest, reply: FastifyReply, rateKey: string): Promise<void> => {
    if (!limit) return;
    rateKeys.set(request, rateKey);
    const state = await limit(request);
    if (state.isAllowed) return;
    reply.header("X-RateLimit-Limit", state.max);
    reply.header("X-RateLimit-Remaining", state.remaining);
    reply.header("X-RateLimit-Reset", state.ttlInSeconds);
    if (!state.isExceeded) return;
    const retryAfter = Math.max(1, state.ttlInSeconds);
    request.log.warn({ client: rateKey.startsWith("ip:") ? rateKey : rateKey.slice(4), retry_after_s: retryAfter }, "rate limited");
    throw new ApiError(
      429,
      `rate limit reached: ${state.max} requests a minute; retry in ${retryAfter} s`,
      "rate_limit_exceeded",
      null,
      "requests",
      { "Retry-After": String(retryAfter) },
    );
  };

  app.addHook("onRequest", async (request, reply) => {
    if (isOpenRequest(request.method, [pathOf(request.url), request.routeOptions.url])) return;
    const presented = keys.enabled ? presentedKey(request.headers, request.url) : null;
    const id = presented ? keys.match(presented.key) : null;
    await enforceRateLimit(request, reply, id ? `key:${id}` : `ip:${request.ip}`);
    if (!keys.enabled) return;
    if (!id) {
      request.log.warn({ ip: request.ip, path: pathOf(request.url).slice(0, 200), reason: presented ? "incorrect key" : "no key" }, "unauthorized");
      throw unauthorized(presented === null);
    }
    request.log = request.log.child({ client: id });
  });
}

/** The security plugin, registered without encapsulation so its hooks cover the whole app. */
export const security = Object.assign(securityPlugin, {
  [Symbol.for("skip-override")]: true,
  [Symbol.for("fastify.display-name")]: "kokoro-security",
});
