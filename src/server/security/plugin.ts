import cors from "@fastify/cors";
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ApiError } from "../errors.js";
import { isOpenRequest, pathOf } from "./access.js";
import { ApiKeyRing } from "./api-keys.js";
import { corsOptions } from "./cors.js";
import { presentedKey } from "./credentials.js";

export interface SecurityOptions {
  /** Accepted API keys (already merged with the keys file); empty = no authentication. */
  readonly apiKeys: readonly string[];
  /** Requests a minute per key (or per client IP for requests without a valid key); 0 = no limit. */
  readonly rateLimitPerMinute: number;
  /** Origins allowed by CORS (`*` = any); empty = no CORS headers at all. */
  readonly corsOrigins: readonly string[];
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

/**
 * CORS, rate limits and API keys, as one plugin whose hooks apply to every route of the app (also those
 * added before or after it, and the not-found handler). Per request, in this order:
 *   1. CORS headers (and preflight answers) when `corsOrigins` is set, so even a 401 or 429 is readable by the page;
 *   2. open requests (`/health`, preflights, static files; see `isOpenRequest`) pass without a key or a limit;
 *   3. the rate limit, per valid key, else per client IP (so guessing keys is limited too): 429 + Retry-After;
 *   4. the key check when keys are configured: 401 + WWW-Authenticate. Keys are never logged; a client shows in
 *      the log as `client: key-<8 hex digits of the key's SHA-256>`.
 */
async function securityPlugin(app: FastifyInstance, options: SecurityOptions): Promise<void> {
  const keys = new ApiKeyRing(options.apiKeys);
  const limited = options.rateLimitPerMinute > 0;
  if (!keys.enabled && !limited && options.corsOrigins.length === 0) return;

  if (options.corsOrigins.length > 0) await app.register(cors, corsOptions(options.corsOrigins));

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

  // A refusal is thrown, so the app's error handler writes it (and closes the socket of a refused WebSocket upgrade).
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
