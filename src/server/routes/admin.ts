import type { FastifyInstance } from "fastify";
import type { RuntimeView } from "../../pipeline/runtime-state.js";
import { ApiError } from "../errors.js";

/**
 * `POST /admin/provider-cache/reset`: forgets the cached `auto` execution-provider decisions; with
 * `--device auto` the server benchmarks again in the background right away (and switches if another
 * provider now wins). Answers `{ cleared, benchmarking, provider }`.
 */
export function adminRoutes(app: FastifyInstance, runtime: RuntimeView): void {
  app.post("/admin/provider-cache/reset", async () => {
    const state = runtime.state;
    if (state.status !== "ready" || !runtime.resetProviderCache) {
      throw new ApiError(503, "not ready: the model is still loading", "not_ready", null, "service_unavailable", { "Retry-After": "2" });
    }
    const { cleared, benchmarking } = await runtime.resetProviderCache();
    const after = runtime.state;
    return { cleared, benchmarking, provider: after.status === "ready" ? after.provider : null };
  });
}
