import type { FastifyPluginAsync } from "fastify";
import type { RuntimeView } from "../../runtime/runtime-state.js";
import { statusSnapshot, type StatusSections } from "../../telemetry/status.js";
import type { Telemetry } from "../../telemetry/telemetry.js";

export interface TelemetryRouteOptions {
  readonly runtime: RuntimeView;
  readonly telemetry: Telemetry;
  /** The effective settings shown in /status (secrets already redacted). */
  readonly settings: Record<string, unknown>;
  readonly statusSections?: StatusSections;
}

/** `GET /metrics` (Prometheus text, prom-client) and `GET /status` (JSON snapshot). */
export const telemetryRoutes: FastifyPluginAsync<TelemetryRouteOptions> = async (app, options) => {
  const startedAt = Date.now();
  app.get("/metrics", { schema: { summary: "Prometheus metrics (text exposition format)" } }, async (_request, reply) => {
    const text = await options.telemetry.metrics.text();
    return reply.header("Content-Type", options.telemetry.metrics.contentType).send(text);
  });
  // The snapshot's sections vary with the runtime's state and the providers: described in the README, not typed here.
  app.get("/status", { schema: { summary: "A JSON snapshot: runtime state, queue, cache, settings" } }, async (_request, reply) =>
    reply.send(statusSnapshot(options.runtime.state, options.telemetry, startedAt, options.settings, options.statusSections)),
  );
};
