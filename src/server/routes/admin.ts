import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { RuntimeView } from "../../runtime/runtime-state.js";
import { ApiError } from "../errors.js";
import { errorResponses } from "../openapi/responses.js";
import { requireReady } from "../require-ready.js";
import { requireJsonBody } from "../security/json-body.js";

const resetSchema = z.object({
  cleared: z.number().describe("How many cached decisions were forgotten."),
  benchmarking: z.boolean().describe("Whether a new benchmark started (--device auto)."),
  provider: z.unknown().describe("The execution provider in use, as /status shows it."),
});

/**
 * `POST /admin/provider-cache/reset`: forgets the cached `auto` execution-provider decisions; with
 * `--device auto` the server benchmarks again in the background right away (and switches if another
 * provider now wins). Answers `{ cleared, benchmarking, provider }`. Takes a JSON body (`{}`), so that a web
 * page cannot send it without a CORS preflight: any other Content-Type gets 415.
 */
export const adminRoutes: FastifyPluginAsyncZod<{ runtime: RuntimeView }> = async (app, { runtime }) => {
  const schema = { summary: "Forget the cached execution-provider choice", response: { 200: resetSchema, ...errorResponses } };
  app.post("/admin/provider-cache/reset", { schema, onRequest: requireJsonBody, preHandler: requireReady(runtime) }, async () => {
    if (!runtime.resetProviderCache) {
      throw new ApiError(503, "not ready: the model is still loading", "not_ready", null, "service_unavailable", { "Retry-After": "2" });
    }
    const { cleared, benchmarking } = await runtime.resetProviderCache();
    const after = runtime.state;
    return { cleared, benchmarking, provider: after.status === "ready" ? after.provider : null };
  });
};
