import type { FastifyInstance } from "fastify";
import type { RuntimeView } from "../../runtime/runtime-state.js";
import type { Lifecycle } from "../lifecycle.js";
import { publicMessage } from "../security/public-message.js";

/**
 * The probes. `GET /health`: 200 when ready to synthesize, otherwise 503 with the start-up stage and progress.
 * `GET /livez`: 200 while the process answers at all (loading included), for restart decisions.
 * `GET /readyz`: 200 only when ready and not shutting down, for routing decisions; 503 while loading
 * (warming included) and from the moment SIGTERM arrives.
 */
export function healthRoutes(app: FastifyInstance, runtime: RuntimeView, lifecycle: Lifecycle): void {
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

  app.get("/livez", async (_request, reply) => reply.send({ status: "alive" }));

  app.get("/readyz", async (_request, reply) => {
    const state = runtime.state;
    if (lifecycle.isLeavingRotation) return reply.status(503).send({ status: "draining" });
    if (state.status === "ready") return reply.send({ status: "ready" });
    if (state.status === "loading") return reply.status(503).send({ status: "loading", stage: state.stage });
    return reply.status(503).send({ status: "failed" });
  });
}
