import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { performance } from "node:perf_hooks";
import { z } from "zod";
import { SpeechInputError } from "../../pipeline/errors.js";
import { fieldIssueError, parseSpeechRequest, speechBodySchema } from "../../pipeline/request.js";
import { openSpeech } from "../../pipeline/speak.js";
import { compileDialogue, MAX_PAUSE_MS } from "../../pipeline/script/index.js";
import { errorResponses, speechAudioResponse } from "../openapi/responses.js";
import { readyServices, requireReady } from "../require-ready.js";
import { replySpeech } from "../speech-reply.js";
import type { SpeechPluginOptions } from "../speech-options.js";

const ROUTE = "/v1/audio/dialogue";
export const DEFAULT_DIALOGUE_PAUSE_MS = 400;

/** The dialogue body: turns, the pause between them, and the speech endpoint's output fields. */
export const dialogueBodySchema = z.object(
  {
    turns: z
      .array(
        z.object({
          voice: z.string({ error: "each turn needs a voice (a string)" }).describe("A voice, an OpenAI name, a blend or a preset."),
          text: z.string({ error: "each turn needs a text (a string)" }).describe("What the turn says; inline tags ([pause:1s], [rate:1.2], [word](/phonemes/)) allowed."),
          lang: z
            .string({ error: "a turn's lang must be a string" })
            .optional()
            .describe("The turn's language, written as the request's lang; default: the request's lang, else the turn voice's language."),
        }),
        { error: 'turns must be an array of {"voice", "text"}' },
      )
      .describe("The turns in speaking order: one audio stream, each turn in its voice."),
    pause_ms: z
      .number({ error: "pause_ms must be a number" })
      .min(0, { error: `pause_ms must be between 0 and ${MAX_PAUSE_MS}` })
      .max(MAX_PAUSE_MS, { error: `pause_ms must be between 0 and ${MAX_PAUSE_MS}` })
      .optional()
      .describe(`Exact silence between turns in ms (default ${DEFAULT_DIALOGUE_PAUSE_MS}).`),
    ...speechBodySchema.pick({ model: true, response_format: true, speed: true, volume: true, stream_format: true, lang: true, stream: true }).shape,
  },
  { error: "request body must be a JSON object" },
);

const schema = {
  summary: "Speak a dialogue: turns in several voices as one audio stream (our extension)",
  description: "SSE `speech.audio.words` events carry `turn`, the index of the turn they belong to.",
  body: dialogueBodySchema,
  response: { 200: speechAudioResponse, ...errorResponses },
};

/** `POST /v1/audio/dialogue`: compiled to the same script as SSML `<voice>` blocks, and spoken like any request. */
export const dialogueRoutes: FastifyPluginAsyncZod<SpeechPluginOptions> = async (app, options) => {
  const { runtime } = options;
  app.post(ROUTE, { schema, preHandler: requireReady(runtime, { lifecycle: options.lifecycle }) }, async (request, reply) => {
    const started = performance.now();
    const parsed = dialogueBodySchema.safeParse(request.body);
    if (!parsed.success) throw fieldIssueError(parsed.error.issues[0]!, request.body);
    const { turns, pause_ms, ...output } = parsed.data;
    if (turns.length === 0) throw new SpeechInputError("turns is empty", "invalid_value", "turns");
    // The output fields and the length limit (over all turns) checked as the speech endpoint checks them.
    const req = parseSpeechRequest({ ...output, input: turns.map((t) => t.text).join("\n"), voice: turns[0]!.voice }, options);
    const speech = await openSpeech(readyServices(runtime), req, options);
    const script = compileDialogue(turns, pause_ms ?? DEFAULT_DIALOGUE_PAUSE_MS, { speed: speech.speed, lang: req.lang });
    return replySpeech(ROUTE, request, reply, options, started, speech, req, speech.bindScript(script, { presetSpeeds: req.explicitSpeed === false }));
  });
};
