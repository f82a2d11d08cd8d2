import type { FastifyCorsOptions } from "@fastify/cors";

/**
 * Response headers a browser page may read: the request id, the audio timings, the markup a script did not
 * understand, a voice file's voice and name, and the rate-limit state. Every X- header a route sets belongs here
 * (a test checks the source for them).
 */
export const EXPOSED_HEADERS = [
  "X-Request-Id",
  "X-Audio-Duration",
  "X-Generation-Time",
  "X-RTF",
  "X-Kokoro-Ignored-Tags",
  "X-Voice-Id",
  "Content-Disposition",
  "Retry-After",
  "X-RateLimit-Limit",
  "X-RateLimit-Remaining",
  "X-RateLimit-Reset",
] as const;

/**
 * @fastify/cors options for `corsOrigins`: `*` allows any origin, otherwise the listed origins exactly
 * (a trailing slash is ignored, since browsers send an origin without one). Pages may send the key in
 * `Authorization`; no cookies are involved, so credentials stay off.
 */
export function corsOptions(origins: readonly string[]): FastifyCorsOptions {
  const any = origins.includes("*");
  return {
    origin: any ? "*" : origins.map((o) => o.replace(/\/+$/, "")),
    methods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
    allowedHeaders: ["Authorization", "Content-Type", "X-Request-Id"],
    exposedHeaders: [...EXPOSED_HEADERS],
    credentials: false,
    maxAge: 600,
  };
}
