import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { performance } from "node:perf_hooks";
import { parseSpeechRequest, speechBodySchema } from "../../pipeline/request.js";
import { openSpeech } from "../../pipeline/speak.js";
import { speechInput } from "../../pipeline/speech-input.js";
import { errorResponses, speechAudioResponse } from "../openapi/responses.js";
import { readyServices, requireReady } from "../require-ready.js";
import { replySpeech } from "../speech-reply.js";
import type { SpeechPluginOptions } from "../speech-options.js";

const ROUTE = "/v1/audio/speech";
const schema = { summary: "Speak a text (OpenAI's speech endpoint)", body: speechBodySchema, response: { 200: speechAudioResponse, ...errorResponses } };

/** `POST /v1/audio/speech`: OpenAI's speech endpoint. Parse, open the pipeline, send what it makes. */
export const speechRoutes: FastifyPluginAsyncZod<SpeechPluginOptions> = async (app, options) => {
  const { runtime } = options;
  app.post(ROUTE, { schema, preHandler: requireReady(runtime, { lifecycle: options.lifecycle }) }, async (request, reply) => {
    const started = performance.now();
    const req = parseSpeechRequest(request.body, options);
    const speech = await openSpeech(readyServices(runtime), req, options);
    // Plain text as it is; SSML, inline tags or phonemes compiled (a 400 for bad markup, before any work).
    return replySpeech(ROUTE, request, reply, options, started, speech, req, speechInput(speech, req));
  });
};
