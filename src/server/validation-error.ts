import type { FastifyError, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import type { SpeechInputError } from "../pipeline/errors.js";
import { fieldIssueError } from "../pipeline/request.js";

/**
 * A route's schema refused the request (Fastify ran the route's zod schema on its body, query or params): the
 * same input error, word for word, that parseSpeechRequest would give for it, so HTTP, the WebSocket and the
 * CLI word a bad field alike. Null for any other error.
 */
export function schemaInputError(err: FastifyError | Error, request: FastifyRequest): SpeechInputError | null {
  if (!hasZodFastifySchemaValidationErrors(err)) return null;
  const first = err.validation[0]!;
  // The provider joins zod's path with "/" ("/" alone for the body itself); the first step names the field.
  const path = first.instancePath.split("/").filter((step) => step !== "");
  const context = (err as FastifyError).validationContext;
  const sent = context === "querystring" ? request.query : context === "params" ? request.params : request.body;
  return fieldIssueError({ code: first.keyword, path, message: first.message ?? "invalid value" }, sent);
}
