import type { FastifyInstance } from "fastify";
import { MODEL_IDS } from "../../pipeline/request.js";

// A fixed creation time keeps the listing stable across restarts (Kokoro-82M v1.0 was published in 2025).
const CREATED = 1_738_368_000;

/** `GET /v1/models` in OpenAI's list shape; every id runs Kokoro-82M. */
export function modelRoutes(app: FastifyInstance): void {
  const data = MODEL_IDS.map((id) => ({ id, object: "model", created: CREATED, owned_by: "kokoro-server" }));
  app.get("/v1/models", async () => ({ object: "list", data }));
  app.get<{ Params: { id: string } }>("/v1/models/:id", async (request, reply) => {
    const model = data.find((m) => m.id === request.params.id);
    if (!model) {
      return reply.status(404).send({
        error: { message: `model '${request.params.id}' not found`, type: "invalid_request_error", param: "model", code: "model_not_found" },
      });
    }
    return model;
  });
}
