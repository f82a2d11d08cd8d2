import type { ServerOptions } from "node:http";

/** The HTTP server's timeouts, in milliseconds (config keys of the same names). */
export interface HttpTimeouts {
  /** To receive a request's headers; then 408 and close. */
  readonly headersTimeoutMs: number;
  /** To receive a whole request, headers and body; 0 = no limit. A response may take as long as it needs. */
  readonly requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this long. */
  readonly keepAliveTimeoutMs: number;
  /** A connection with no bytes in or out for this long is closed; 0 = never. */
  readonly idleTimeoutMs: number;
}

export interface ServerTimeoutOptions {
  readonly connectionTimeout: number;
  readonly keepAliveTimeout: number;
  readonly requestTimeout: number;
  readonly http: ServerOptions;
}

/** Fastify's server options for these timeouts (Fastify has no option of its own for the headers timeout). */
export function serverTimeoutOptions(t: HttpTimeouts): ServerTimeoutOptions {
  const shortest = t.requestTimeoutMs > 0 ? Math.min(t.headersTimeoutMs, t.requestTimeoutMs) : t.headersTimeoutMs;
  return {
    connectionTimeout: t.idleTimeoutMs,
    keepAliveTimeout: t.keepAliveTimeoutMs,
    requestTimeout: t.requestTimeoutMs,
    http: {
      headersTimeout: t.headersTimeoutMs,
      requestTimeout: t.requestTimeoutMs,
      keepAliveTimeout: t.keepAliveTimeoutMs,
      // Node enforces the headers and request timeouts only when it sweeps its connections (every 30 s by
      // default), so a stalled request could outlive its timeout by that much: sweep at a quarter of the shortest.
      connectionsCheckingInterval: Math.min(1_000, Math.max(10, Math.floor(shortest / 4))),
    },
  };
}
