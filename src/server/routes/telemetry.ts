import type { FastifyInstance } from "fastify";
import type { RuntimeView } from "../../runtime/runtime-state.js";
import { statusSnapshot, type StatusSections } from "../../telemetry/status.js";
import type { Telemetry } from "../../telemetry/telemetry.js";

export interface TelemetryRouteOptions {
  readonly telemetry: Telemetry;
  /** The effective settings shown in /status (secrets already redacted). */
  readonly settings: Record<string, unknown>;
  readonly statusSections?: StatusSections;
}

/** `GET /metrics` (Prometheus text, prom-client) and `GET /status` (JSON snapshot). */
export function telemetryRoutes(app: FastifyInstance, runtime: RuntimeView, options: TelemetryRouteOptions): void {
  const startedAt = Date.now();
  app.get("/metrics", async (_request, reply) => {
    const text = await options.telemetry.metrics.text();
    return reply.header("Content-Type", options.telemetry.metrics.contentType).send(text);
  });
  app.get("/status", async (_request, reply) =>
    reply.send(statusSnapshot(runtime.state, options.telemetry, startedAt, options.settings, options.statusSections)),
  );
}
