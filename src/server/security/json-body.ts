import type { FastifyRequest } from "fastify";
import { ApiError } from "../errors.js";

/** Whether a Content-Type header names JSON (`application/json`, any parameters). */
export function isJsonContentType(value: string | undefined): boolean {
  return value !== undefined && value.split(";", 1)[0]!.trim().toLowerCase() === "application/json";
}

/**
 * A route hook for state-changing routes that take no real body: without it a bodiless POST, which any web
 * page can send to localhost without a CORS preflight, would pass. JSON is what a page cannot send cross-origin
 * without a preflight, so requiring it keeps such pages out.
 */
export async function requireJsonBody(request: FastifyRequest): Promise<void> {
  if (isJsonContentType(request.headers["content-type"])) return;
  throw new ApiError(
    415,
    "Content-Type must be application/json: send a JSON body, e.g. curl -H 'Content-Type: application/json' -d '{}'",
    "unsupported_media_type",
  );
}
