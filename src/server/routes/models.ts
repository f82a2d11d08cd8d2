import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { MODEL_IDS } from "../../pipeline/request.js";
import { errorBody } from "../errors.js";
import { errorResponses } from "../openapi/responses.js";

// A fixed creation time keeps the listing stable across restarts (Kokoro-82M v1.0 was published in 2025).
const CREATED = 1_738_368_000;

const modelSchema = z.object({ id: z.string(), object: z.literal("model"), created: z.number(), owned_by: z.string() });
const listSchema = z.object({ object: z.literal("list"), data: z.array(modelSchema) });

/** `GET /v1/models` in OpenAI's list shape; every id runs Kokoro-82M. */
export const modelRoutes: FastifyPluginAsyncZod = async (app) => {
  const data = MODEL_IDS.map((id) => ({ id, object: "model" as const, created: CREATED, owned_by: "kokoro-server" }));
  app.get("/v1/models", { schema: { summary: "List the model ids", response: { 200: listSchema, ...errorResponses } } }, async () => ({
    object: "list" as const,
    data,
  }));
  const one = { summary: "One model id", params: z.object({ id: z.string() }), response: { 200: modelSchema, ...errorResponses } };
  app.get("/v1/models/:id", { schema: one }, async (request, reply) => {
    const model = data.find((m) => m.id === request.params.id);
    if (!model) return reply.status(404).send(errorBody(`model '${request.params.id}' not found`, "invalid_request_error", "model_not_found", "model"));
    return model;
  });
};
