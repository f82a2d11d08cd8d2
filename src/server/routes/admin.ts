import type { FastifyInstance } from "fastify";
import type { RuntimeView } from "../../runtime/runtime-state.js";
import { ApiError } from "../errors.js";
import { requireReady } from "../require-ready.js";
import { requireJsonBody } from "../security/json-body.js";

/**
 * `POST /admin/provider-cache/reset`: forgets the cached `auto` execution-provider decisions; with
 * `--device auto` the server benchmarks again in the background right away (and switches if another
 * provider now wins). Answers `{ cleared, benchmarking, provider }`. Takes a JSON body (`{}`), so that a web
 * page cannot send it without a CORS preflight: any other Content-Type gets 415.
 */
export function adminRoutes(app: FastifyInstance, runtime: RuntimeView): void {
  app.post("/admin/provider-cache/reset", { onRequest: requireJsonBody, preHandler: requireReady(runtime) }, async () => {
    if (!runtime.resetProviderCache) {
      throw new ApiError(503, "not ready: the model is still loading", "not_ready", null, "service_unavailable", { "Retry-After": "2" });
    }
    const { cleared, benchmarking } = await runtime.resetProviderCache();
    const after = runtime.state;
    return { cleared, benchmarking, provider: after.status === "ready" ? after.provider : null };
  });
}
