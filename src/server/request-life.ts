import type { FastifyReply, FastifyRequest } from "fastify";
import type { ActiveLimit } from "./active-limit.js";
import { ApiError } from "./errors.js";

/**
 * An AbortSignal that fires when the client goes away before the response is complete (also when it went
 * away before this was called), or when the server's shutdown grace period ends (`shutdown`).
 */
export function clientGone(request: FastifyRequest, reply: FastifyReply, shutdown: AbortSignal): AbortSignal {
  const controller = new AbortController();
  reply.raw.once("close", () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  if (request.raw.socket.destroyed || reply.raw.destroyed) controller.abort();
  return AbortSignal.any([controller.signal, shutdown]);
}

/**
 * Takes one of the `maxActiveRequests` slots for the whole life of a request, from the moment it is accepted,
 * and gives it back exactly once however the request ends (done, error, client gone, shutdown): 429 when none
 * is free. Shared by HTTP requests and WebSocket sessions.
 */
export function holdSlot(active: ActiveLimit, request: FastifyRequest, reply: FastifyReply): void {
  const release = active.acquire();
  if (!release) {
    throw new ApiError(429, `too many requests in progress (${active.max}); retry shortly`, "too_many_requests", null, "invalid_request_error", {
      "Retry-After": "1",
    });
  }
  reply.raw.once("close", release);
  if (request.raw.socket.destroyed || reply.raw.destroyed) release();
}
