import { z } from "zod";
import { AUDIO_FORMATS, CONTENT_TYPES } from "../../audio/encoders/index.js";

/** OpenAI's error shape, which every 4xx and 5xx of the API has (see server/errors.ts). */
export const errorSchema = z.object({
  error: z.object({
    message: z.string(),
    type: z.string().describe("invalid_request_error, authentication_error, server_error, service_unavailable or requests (rate limited)"),
    param: z.string().nullable().describe("The request field at fault, when there is one."),
    code: z.string().nullable().describe("A stable machine-readable reason: invalid_value, unsupported_format, not_ready…"),
  }),
})
  // An id: the document lists it once, under components, and every route refers to it.
  .meta({ id: "Error" });

/** The error responses of a route, for its schema: Fastify writes them with this shape, the document lists it. */
export const errorResponses = {
  "4xx": { description: "The request was refused (bad input, API key, Host or Origin, rate limit, not found).", content: { "application/json": { schema: errorSchema } } },
  "5xx": { description: "Not ready yet, shutting down, busy, or an internal error.", content: { "application/json": { schema: errorSchema } } },
};

// The handler sends a Buffer or a stream, which Fastify writes as it is: typed `any` here, documented as bytes.
const binary = z.any().meta({ type: "string", format: "binary" });

/**
 * The speech endpoint's 200: the audio file in the requested `response_format` (one content type per format),
 * or with `stream_format: "sse"` OpenAI's server-sent events.
 */
export const speechAudioResponse = {
  description: "The audio in the requested response_format, or server-sent events with stream_format sse.",
  content: {
    ...Object.fromEntries(AUDIO_FORMATS.map((format) => [CONTENT_TYPES[format], { schema: binary }])),
    "text/event-stream": { schema: z.any().meta({ type: "string", description: "speech.audio.delta, speech.audio.words and speech.audio.done events" }) },
    "application/x-subrip": { schema: z.string().describe("response_format srt: SubRip subtitles timed to the audio") },
    "text/vtt": { schema: z.string().describe("response_format vtt: WebVTT subtitles timed to the audio") },
    "application/json": {
      schema: z.object({
        audio: z.string().describe("The audio file, base64"),
        format: z.string(),
        words: z.array(z.object({ word: z.string(), start: z.number(), end: z.number() })),
        segments: z.array(z.object({ text: z.string(), start: z.number(), end: z.number() })).describe("Sentences"),
      }).describe("timestamps true with stream false"),
    },
  },
};
