import type { FastifyInstance } from "fastify";
import type { RuntimeView } from "../../runtime/runtime-state.js";
import { publicMessage } from "../security/public-message.js";

/** `GET /health`: 200 when ready to synthesize, otherwise 503 with the start-up stage and progress. */
export function healthRoutes(app: FastifyInstance, runtime: RuntimeView): void {
  app.get("/health", async (_request, reply) => {
    const state = runtime.state;
    switch (state.status) {
      case "ready":
        return reply.send({ status: "ready", model: state.model.variant ?? "custom", startup_ms: Math.round(state.startupMs) });
      case "loading":
        return reply
          .status(503)
          .header("Retry-After", "1")
          .send({ status: "loading", stage: state.stage, progress: state.progress, detail: state.detail && publicMessage(state.detail) });
      case "failed":
        // The full message (with paths) is in the start-up log; the open endpoint shows it without them.
        return reply.status(503).send({ status: "failed", error: publicMessage(state.error) });
    }
  });
}
