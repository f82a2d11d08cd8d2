import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { QueueFullError } from "../engine/errors.js";
import { CancelledError } from "../engine/errors.js";
import { SpeechInputError } from "../pipeline/errors.js";
import { publicMessage } from "./security/public-message.js";
import { schemaInputError } from "./validation-error.js";

/** OpenAI's error types; `requests` is what OpenAI answers a rate-limited request with (code `rate_limit_exceeded`). */
export type ErrorType = "invalid_request_error" | "authentication_error" | "server_error" | "service_unavailable" | "requests";

/** An error meant for the client, rendered in OpenAI's `{"error": {...}}` shape. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
    readonly param: string | null = null,
    readonly type: ErrorType = status >= 500 ? "server_error" : "invalid_request_error",
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export function errorBody(message: string, type: string, code: string | null, param: string | null = null): OpenAIErrorBody {
  return { error: { message, type, param, code } };
}

// Fastify's own error codes for bad requests, with the status and a message that needs no stack.
const FASTIFY_CLIENT_ERRORS: Record<string, { status: number; code: string; message: (e: FastifyError) => string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: "unsupported_media_type",
    message: () => "Content-Type must be application/json",
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: "body_too_large", message: () => "request body is too large" },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: "invalid_json", message: () => "request body is empty; send a JSON object" },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: "invalid_json", message: () => "request body is not valid JSON" },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: "invalid_content_length", message: () => "Content-Length does not match the body" },
  // From the router, through `frameworkErrors`: the path cannot be decoded, or one of its parameters is too long.
  FST_ERR_BAD_URL: { status: 400, code: "invalid_url", message: () => "the URL is not valid (malformed percent-encoding)" },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: "uri_too_long", message: () => "a path parameter is too long" },
};

/**
 * A WebSocket upgrade answered with an error (bad URL, 401, 429...) instead of 101: its socket has left the HTTP
 * server's care, and the websocket plugin closes it only when its own hooks ran, so it is closed here once the
 * answer is written. Otherwise the connection would stay open until the client gives up.
 */
function closeRefusedUpgrade(request: FastifyRequest, reply: FastifyReply): void {
  // Node marks such a request `upgrade`; its types do not declare the field.
  if ((request.raw as { upgrade?: boolean }).upgrade !== true) return;
  reply.raw.once("finish", () => request.raw.socket.destroy());
}

/** Maps anything thrown in a route to an OpenAI-shaped body; never leaks stacks or file paths. */
export function handleError(err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  closeRefusedUpgrade(request, reply);
  // The client hung up (its queued inference was cancelled, or the stream closed before its headers went out):
  // nothing to answer and nothing went wrong on our side.
  if (err instanceof CancelledError || (err as NodeJS.ErrnoException).code === "ERR_STREAM_PREMATURE_CLOSE") {
    request.log.debug({ err: err.message }, "client went away");
    if (!reply.raw.destroyed) reply.raw.destroy();
    return reply;
  }
  if (err instanceof ApiError) {
    if (err.status >= 500) request.log.error({ err }, "request failed");
    return reply.status(err.status).headers(err.headers).send(errorBody(publicMessage(err.message), err.type, err.code, err.param));
  }
  // The pipeline's own validation (pipeline/request.ts, openSpeech), or a route's zod schema refusing the request
  // before its handler ran (worded the same): always the client's mistake, a 400.
  const inputError = err instanceof SpeechInputError ? err : schemaInputError(err, request);
  if (inputError) {
    return reply.status(400).send(errorBody(publicMessage(inputError.message), "invalid_request_error", inputError.code, inputError.param));
  }
  if (err instanceof QueueFullError) {
    request.log.warn({ err: err.message }, "refused: inference queue full");
    return reply.status(503).header("Retry-After", "2").send(errorBody("the server is busy; retry shortly", "service_unavailable", "queue_full"));
  }
  const fastifyError = err as FastifyError;
  const known = fastifyError.code ? FASTIFY_CLIENT_ERRORS[fastifyError.code] : undefined;
  if (known) {
    return reply.status(known.status).send(errorBody(known.message(fastifyError), "invalid_request_error", known.code));
  }
  if (err instanceof SyntaxError || fastifyError.statusCode === 400) {
    return reply.status(400).send(errorBody("request body is not valid JSON", "invalid_request_error", "invalid_json"));
  }
  if (typeof fastifyError.statusCode === "number" && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return reply.status(fastifyError.statusCode).send(errorBody("bad request", "invalid_request_error", fastifyError.code ?? null));
  }
  // The details (message, stack) go to the log only; the client gets the request id to quote.
  request.log.error({ err }, "unexpected error");
  return reply.status(500).send(errorBody(`internal error (request id ${request.id})`, "server_error", "internal_error"));
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (headers too large, malformed HTTP, a client too
 * slow): a status line and no body, then the connection is closed. Fastify's default writes a JSON body of
 * another shape, and any body is wrong when the request was a HEAD, which cannot be known here.
 */
export function handleClientError(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === "ECONNRESET" || socket.destroyed) return;
  const status = err.code === "HPE_HEADER_OVERFLOW" ? 431 : err.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
  if (socket.writable) socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  socket.destroy();
}
