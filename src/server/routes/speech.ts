import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { afterFirstCall, audioBytes, fileEncoded, streamEncoded, wholeFile, untilFailure } from "../../pipeline/encode-speech.js";
import { parseSpeechRequest, speechBodySchema } from "../../pipeline/request.js";
import { openSpeech } from "../../pipeline/speak.js";
import type { RuntimeView } from "../../runtime/runtime-state.js";
import { observeSpeech } from "../../telemetry/observe-speech.js";
import type { ActiveLimit } from "../active-limit.js";
import { errorResponses, speechAudioResponse } from "../openapi/responses.js";
import { clientGone, holdSlot } from "../request-life.js";
import { readyServices, requireReady } from "../require-ready.js";
import { sseEvents } from "../sse.js";
import type { SpeechSessionOptions } from "../ws-session.js";

export interface SpeechRouteOptions extends SpeechSessionOptions {
  readonly maxActiveRequests: number;
}

/** The speech routes' plugin options: their settings, the runtime, and the slots HTTP and WebSocket share. */
export interface SpeechPluginOptions extends SpeechRouteOptions {
  readonly runtime: RuntimeView;
  readonly slots: ActiveLimit;
}

const ROUTE = "/v1/audio/speech";
const schema = { summary: "Speak a text (OpenAI's speech endpoint)", body: speechBodySchema, response: { 200: speechAudioResponse, ...errorResponses } };

/** `POST /v1/audio/speech`: OpenAI's speech endpoint. Parse, open the pipeline, send what it makes. */
export const speechRoutes: FastifyPluginAsyncZod<SpeechPluginOptions> = async (app, options) => {
  const { runtime, slots } = options;
  app.post(ROUTE, { schema, preHandler: requireReady(runtime, { lifecycle: options.lifecycle }) }, async (request, reply) => {
    const started = performance.now();
    const req = parseSpeechRequest(request.body, options);
    const speech = await openSpeech(readyServices(runtime), req, options);
    // Valid: from here the request holds a slot and is cancelled when its client goes, front-end included.
    holdSlot(slots, request, reply);
    const signal = clientGone(request, reply, options.lifecycle.signal);
    const mode = req.streamFormat === "sse" ? "sse" : req.stream ? "stream" : "file";
    const timing = options.telemetry.begin(ROUTE, request.log, { format: req.format, mode, voice: speech.voice.id });
    const events = speech.events(req.input, { signal, streaming: mode !== "file" });

    if (mode === "file") {
      const file = await wholeFile(observeSpeech(fileEncoded(events, req.format), timing, signal));
      const generationS = (performance.now() - started) / 1000;
      return reply
        .header("Content-Type", speech.contentType)
        .header("X-Audio-Duration", file.audioSeconds.toFixed(3))
        .header("X-Generation-Time", generationS.toFixed(3))
        .header("X-RTF", file.audioSeconds > 0 ? (generationS / file.audioSeconds).toFixed(4) : "0")
        .send(file.bytes);
    }
    // Headers go out with the first audio, so a failing first call is still a clean error response.
    const parts = await afterFirstCall(observeSpeech(streamEncoded(events, req.format), timing, signal));
    if (mode === "sse") {
      return reply.header("Content-Type", "text/event-stream").header("Cache-Control", "no-cache").send(Readable.from(untilFailure(sseEvents(parts))));
    }
    return reply.header("Content-Type", speech.contentType).send(Readable.from(untilFailure(audioBytes(parts))));
  });
};
