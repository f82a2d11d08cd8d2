import type { FastifyInstance } from "fastify";
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { afterFirstCall, audioBytes, fileEncoded, streamEncoded, wholeFile, untilFailure } from "../../pipeline/encode-speech.js";
import { parseSpeechRequest } from "../../pipeline/request.js";
import { openSpeech, type SpeakSettings } from "../../pipeline/speak.js";
import type { RuntimeView } from "../../runtime/runtime-state.js";
import { observeSpeech } from "../../telemetry/observe-speech.js";
import type { Telemetry } from "../../telemetry/telemetry.js";
import { ActiveLimit } from "../active-limit.js";
import type { Lifecycle } from "../lifecycle.js";
import { clientGone, holdSlot } from "../request-life.js";
import { readyServices, requireReady } from "../require-ready.js";
import { sseEvents } from "../sse.js";

export interface SpeechRouteOptions extends SpeakSettings {
  readonly maxInputChars: number;
  readonly defaultVoice: string;
  readonly maxActiveRequests: number;
  /** WebSocket sessions: closed without a `start` after this long, or after this long with nothing happening. */
  readonly wsStartTimeoutMs: number;
  readonly wsIdleTimeoutMs: number;
  readonly telemetry: Telemetry;
  readonly lifecycle: Lifecycle;
}

const ROUTE = "/v1/audio/speech";

/** `POST /v1/audio/speech`: OpenAI's speech endpoint. Parse, open the pipeline, send what it makes. */
export function speechRoutes(app: FastifyInstance, runtime: RuntimeView, options: SpeechRouteOptions, active = new ActiveLimit(options.maxActiveRequests)): void {
  app.post(ROUTE, { preHandler: requireReady(runtime, { lifecycle: options.lifecycle }) }, async (request, reply) => {
    const started = performance.now();
    const req = parseSpeechRequest(request.body, options);
    const speech = await openSpeech(readyServices(runtime), req, options);
    // Valid: from here the request holds a slot and is cancelled when its client goes, front-end included.
    holdSlot(active, request, reply);
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
}
