import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { float32ToLittleEndian, OPENAI_VOICES } from "../../engine/voices/index.js";
import type { RuntimeView } from "../../runtime/runtime-state.js";
import { LANG_NAMES } from "../../text/lang.js";
import { ApiError } from "../errors.js";
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
  presets: z
    .array(
      z.object({
        id: z.string().describe("The preset's name: send it as `voice`"),
        voice: z.string().describe("Its definition in the config: a voice or blend"),
        speed: z.number().nullable().describe("Its speed (used when a request sets none), or null"),
        resolved: z.string().describe("The voice it speaks with, as a canonical blend id"),
        language: z.string(),
      }),
    )
    .describe("Named voices from the config's voicePresets"),
});

const voiceFileResponse = {
  description: "The voice's style pack: 510 × 256 little-endian float32 (522,240 bytes), the layout of a voice .bin file.",
  content: { "application/octet-stream": { schema: z.any().meta({ type: "string", format: "binary" }) } },
};

/** A download name for a voice file: a name or preset as it is, a blend as `blend.bin`. */
function fileName(id: string): string {
  return /^[a-z0-9_]+$/.test(id) ? `${id}.bin` : "blend.bin";
}

/**
 * `GET /v1/audio/voices`: the loaded voices, their language (code and name) and gender, the OpenAI name mapping
 * and the presets. `GET /v1/audio/voices/{id}`: one voice's file (a name, OpenAI name, blend or preset).
 */
export const voiceRoutes: FastifyPluginAsyncZod<{ runtime: RuntimeView }> = async (app, { runtime }) => {
  const preHandler = requireReady(runtime, { what: "the voices are still loading" });
  const schema = { summary: "List the loaded voices", response: { 200: voicesSchema, ...errorResponses } };
  app.get("/v1/audio/voices", { schema, preHandler }, async () => {
    const store = readyServices(runtime).voices;
    const presets = [...store.presets()].flatMap(([id, preset]) => {
      const resolved = store.resolve(id);
      if (!resolved.ok) return []; // checked when the voices loaded: cannot happen
      return [{ id, voice: preset.voice, speed: preset.speed ?? null, resolved: resolved.voice.id, language: resolved.voice.language }];
    });
    return {
      voices: store.names(),
      details: store.list().map((v) => ({ id: v.name, language: v.language, language_name: LANG_NAMES[v.language], gender: v.gender })),
      openai_aliases: Object.fromEntries(OPENAI_VOICES.filter((v) => store.has(v.kokoro)).map((v) => [v.openai, v.kokoro])),
      presets,
    };
  });

  const fileSchema = {
    summary: "Download a voice file",
    description: "A loaded voice, OpenAI name, blend (URL-encoded, e.g. `af_bella(2)%2Baf_sky`) or preset as a `.bin` voice file that `customVoices` can load.",
    params: z.object({ id: z.string().describe("A voice, OpenAI name, blend or preset") }),
    response: { 200: voiceFileResponse, ...errorResponses },
  };
  app.get("/v1/audio/voices/:id", { schema: fileSchema, preHandler }, async (request, reply) => {
    const store = readyServices(runtime).voices;
    const resolved = store.resolve(request.params.id);
    if (!resolved.ok) {
      if (resolved.code === "unknown_voice") throw new ApiError(404, resolved.message, "voice_not_found", "id");
      throw new ApiError(400, resolved.message, "invalid_voice", "id");
    }
    const { voice } = resolved;
    return reply
      .header("Content-Type", "application/octet-stream")
      .header("Content-Disposition", `attachment; filename="${fileName(voice.preset ?? voice.id)}"`)
      .header("X-Voice-Id", voice.id)
      .send(float32ToLittleEndian(store.packFor(voice)));
  });
};
