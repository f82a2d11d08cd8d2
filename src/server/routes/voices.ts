import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { OPENAI_VOICES } from "../../engine/voices/index.js";
import type { RuntimeView } from "../../runtime/runtime-state.js";
import { LANG_NAMES } from "../../text/lang.js";
import { errorResponses } from "../openapi/responses.js";
import { readyServices, requireReady } from "../require-ready.js";

const voicesSchema = z.object({
  voices: z.array(z.string()),
  details: z.array(
    z.object({
      id: z.string(),
      language: z.string().describe("The language the voice speaks and reads by default: en-us, en-gb, es, fr-fr, hi, it, ja, pt-br or zh"),
      language_name: z.string().describe("The language's name for people, e.g. French"),
      gender: z.string(),
    }),
  ),
  openai_aliases: z.record(z.string(), z.string()).describe("OpenAI voice name → the Kokoro voice it speaks with"),
});

/** `GET /v1/audio/voices`: the loaded voices, their language (code and name) and gender, and the OpenAI name mapping. */
export const voiceRoutes: FastifyPluginAsyncZod<{ runtime: RuntimeView }> = async (app, { runtime }) => {
  const schema = { summary: "List the loaded voices", response: { 200: voicesSchema, ...errorResponses } };
  app.get("/v1/audio/voices", { schema, preHandler: requireReady(runtime, { what: "the voices are still loading" }) }, async () => {
    const store = readyServices(runtime).voices;
    return {
      voices: store.names(),
      details: store.list().map((v) => ({ id: v.name, language: v.language, language_name: LANG_NAMES[v.language], gender: v.gender })),
      openai_aliases: Object.fromEntries(OPENAI_VOICES.filter((v) => store.has(v.kokoro)).map((v) => [v.openai, v.kokoro])),
    };
  });
};
