import type { FastifyInstance } from "fastify";
import { OPENAI_VOICES } from "../../engine/voices/index.js";
import type { RuntimeView } from "../../runtime/runtime-state.js";
import { readyServices, requireReady } from "../require-ready.js";

/** `GET /v1/audio/voices`: the loaded voices, their language and gender, and the OpenAI name mapping. */
export function voiceRoutes(app: FastifyInstance, runtime: RuntimeView): void {
  app.get("/v1/audio/voices", { preHandler: requireReady(runtime, { what: "the voices are still loading" }) }, async () => {
    const store = readyServices(runtime).voices;
    return {
      voices: store.names(),
      details: store.list().map((v) => ({ id: v.name, language: v.language, gender: v.gender })),
      openai_aliases: Object.fromEntries(OPENAI_VOICES.filter((v) => store.has(v.kokoro)).map((v) => [v.openai, v.kokoro])),
    };
  });
}
