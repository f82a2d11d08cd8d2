import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { performance } from "node:perf_hooks";
import { pipeline } from "node:stream";
import {
  assertEncoderAvailable,
  CONTENT_TYPES,
  createEncoder,
  EncoderUnavailableError,
  encodeWhole,
  type StreamingEncoder,
} from "../../audio/encoders/index.js";
import { concatFloat32 } from "../../audio/pcm.js";
import { CancelledError } from "../../engine/errors.js";
import { SAMPLE_RATE } from "../../model/contract.js";
import type { Lang } from "../../text/lang.js";
import { resolveVoice } from "../../engine/voices/index.js";
import { InvalidPhonemesError } from "../../g2p/index.js";
import type { RuntimeView } from "../../runtime/runtime-state.js";
import { NothingToSpeakError, prepareSpeech, synthesize, type AudioChunk } from "../../pipeline/speech.js";
import { ActiveLimit } from "../active-limit.js";
import { ApiError } from "../errors.js";
import { sseStream, wordsEvent } from "../sse.js";
import { parseSpeechRequest } from "../speech-request.js";
import { FirstByteTap } from "../../telemetry/first-byte-tap.js";
import type { RequestTelemetry } from "../../telemetry/request-telemetry.js";
import type { Telemetry } from "../../telemetry/telemetry.js";
import type { Lifecycle } from "../lifecycle.js";

export interface SpeechRouteOptions {
  readonly maxInputChars: number;
  readonly defaultVoice: string;
  readonly codeBlocks: "skip" | "read";
  readonly maxActiveRequests: number;
  readonly adaptiveCallSizing: boolean;
  /** Streaming look-ahead bound in seconds (0 = none). */
  readonly maxAheadSeconds: number;
  /** WebSocket sessions: closed without a `start` after this long, or after this long with nothing happening. */
  readonly wsStartTimeoutMs: number;
  readonly wsIdleTimeoutMs: number;
  readonly telemetry: Telemetry;
  readonly lifecycle: Lifecycle;
}

const ROUTE = "/v1/audio/speech";

/**
 * An AbortSignal that fires when the client goes away before the response is complete (also when it went
 * away before this was called), or when the server's shutdown grace period ends (`shutdown`).
 */
function clientGone(request: FastifyRequest, reply: FastifyReply, shutdown: AbortSignal): AbortSignal {
  const controller = new AbortController();
  reply.raw.once("close", () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  if (request.raw.socket.destroyed || reply.raw.destroyed) controller.abort();
  return AbortSignal.any([controller.signal, shutdown]);
}

/**
 * Takes one of the `maxActiveRequests` slots for the whole life of a request, from the moment it is accepted,
 * and gives it back exactly once however the request ends (done, error, client gone, shutdown): 429 when none
 * is free. Shared by HTTP requests and WebSocket sessions.
 */
export function holdSlot(active: ActiveLimit, request: FastifyRequest, reply: FastifyReply): void {
  const release = active.acquire();
  if (!release) {
    throw new ApiError(429, `too many requests in progress (${active.max}); retry shortly`, "too_many_requests", null, "invalid_request_error", {
      "Retry-After": "1",
    });
  }
  reply.raw.once("close", release);
  if (request.raw.socket.destroyed || reply.raw.destroyed) release();
}

/** `POST /v1/audio/speech`: OpenAI's speech endpoint. Thin: validate, run the pipeline, encode. */
export function speechRoutes(app: FastifyInstance, runtime: RuntimeView, options: SpeechRouteOptions, active = new ActiveLimit(options.maxActiveRequests)): void {
  app.post("/v1/audio/speech", async (request: FastifyRequest, reply: FastifyReply) => {
    const state = runtime.state;
    if (options.lifecycle.isDraining) {
      throw new ApiError(503, "the server is shutting down", "shutting_down", null, "service_unavailable", { "Retry-After": "5", Connection: "close" });
    }
    if (state.status !== "ready") {
      const why = state.status === "failed" ? "the model failed to load" : `the model is ${state.stage}`;
      throw new ApiError(503, `not ready: ${why}; retry shortly`, "not_ready", null, "service_unavailable", { "Retry-After": "2" });
    }
    const started = performance.now();
    const req = parseSpeechRequest(request.body, options);
    try {
      await assertEncoderAvailable(req.format);
    } catch (err) {
      if (err instanceof EncoderUnavailableError) throw new ApiError(400, err.message, "encoder_unavailable", "response_format");
      throw err;
    }
    const resolved = resolveVoice(req.voice, state.services.voices);
    if (!resolved.ok) throw new ApiError(400, resolved.message, "invalid_voice", "voice");
    const lang: Lang = req.lang ?? (resolved.voice.language === "en-gb" ? "en-gb" : "en-us");

    // Valid: from here the request holds a slot and is cancelled when its client goes, front-end included.
    holdSlot(active, request, reply);
    const signal = clientGone(request, reply, options.lifecycle.signal);
    let prepared;
    try {
      prepared = await prepareSpeech(
        { text: req.input, voice: resolved.voice, speed: req.speed, lang, codeBlocks: options.codeBlocks, volume: req.volume },
        state.services.frontEnd,
        options.adaptiveCallSizing ? state.services.engine.cost : undefined,
        signal,
      );
    } catch (err) {
      if (err instanceof NothingToSpeakError) throw new ApiError(400, "input has nothing to speak", "empty_input", "input");
      if (err instanceof InvalidPhonemesError) throw new ApiError(400, err.message, "invalid_phonemes", "input");
      throw err;
    }

    const mode = req.streamFormat === "sse" ? "sse" : req.stream ? "stream" : "file";
    const timing = options.telemetry.begin(ROUTE, request.log, { format: req.format, mode, voice: resolved.voice.id });
    timing.text(req.input.length, prepared.g2pMs);
    const outcome = (err: unknown): "cancelled" | "failed" => (err instanceof CancelledError || signal.aborted ? "cancelled" : "failed");
    const fail = (err: unknown): never => {
      timing.end({ audioSeconds: 0, result: outcome(err), error: err instanceof Error ? err.message : String(err) });
      throw err;
    };
    if (!req.stream && req.streamFormat === "audio") {
      const parts: Float32Array[] = [];
      let body: Buffer;
      try {
        for await (const chunk of synthesize(prepared, state.services, { signal })) {
          timing.call(chunk);
          parts.push(chunk.samples);
        }
        body = await encodeWhole(req.format, parts.length === 1 ? parts[0]! : concatFloat32(parts));
      } catch (err) {
        return fail(err);
      }
      const audioS = parts.reduce((n, p) => n + p.length, 0) / SAMPLE_RATE;
      const generationS = (performance.now() - started) / 1000;
      timing.firstAudio();
      timing.end({ audioSeconds: audioS, result: "done" });
      return reply
        .header("Content-Type", CONTENT_TYPES[req.format])
        .header("X-Audio-Duration", audioS.toFixed(3))
        .header("X-Generation-Time", generationS.toFixed(3))
        .header("X-RTF", audioS > 0 ? (generationS / audioS).toFixed(4) : "0")
        .send(body);
    }

    // Streaming: the encoder starts while the first call runs; headers go out with the first audio, so a
    // failing first call is still a clean error response.
    let encoder: StreamingEncoder;
    const maxAheadS = options.maxAheadSeconds > 0 ? options.maxAheadSeconds : undefined;
    const calls = synthesize(prepared, state.services, { signal, maxAheadS });
    let first: IteratorResult<AudioChunk>;
    try {
      encoder = await createEncoder(req.format);
      try {
        first = await calls.next();
      } catch (err) {
        encoder.abort();
        throw err;
      }
    } catch (err) {
      return fail(err);
    }
    const logEnd = (done: Promise<number>): void =>
      void done.then(
        (audioS) => timing.end({ audioSeconds: audioS, result: "done" }),
        (err: unknown) => timing.end({ audioSeconds: 0, result: outcome(err), error: err instanceof Error ? err.message : String(err) }),
      );
    if (req.streamFormat === "sse") {
      const inputTokens = prepared.chunks.reduce((n, c) => n + c.ids.length, 0);
      let audioHandedOver = false;
      const events = sseStream(
        encoder,
        inputTokens,
        (send) =>
          pump(first, calls, encoder, timing, (chunk, offsetS) => {
            audioHandedOver = true;
            send(wordsEvent(chunk, offsetS));
          }),
        () => {
          if (audioHandedOver) timing.firstAudio();
        },
      );
      logEnd(events.done);
      return reply.header("Content-Type", "text/event-stream").header("Cache-Control", "no-cache").send(events.stream);
    }
    // The tap sees bytes as they go to the socket: the first after audio was handed over is the TTFA.
    const tap = new FirstByteTap(() => timing.firstAudio());
    pipeline(encoder.output, tap, () => undefined);
    logEnd(pump(first, calls, encoder, timing, () => tap.arm()));
    return reply.header("Content-Type", encoder.contentType).send(tap);
  });
}

/**
 * Feeds every call's audio to the encoder as it arrives. On a failure after the headers have gone out
 * the stream is ended cleanly (a shorter but valid file) — or torn down when the client is gone.
 */
async function pump(
  first: IteratorResult<AudioChunk>,
  rest: AsyncGenerator<AudioChunk>,
  encoder: StreamingEncoder,
  timing: RequestTelemetry,
  onChunk?: (chunk: AudioChunk, offsetS: number) => void,
): Promise<number> {
  let samples = 0;
  const write = async (chunk: AudioChunk): Promise<void> => {
    timing.call(chunk);
    onChunk?.(chunk, samples / SAMPLE_RATE);
    samples += chunk.samples.length;
    await encoder.write(chunk.samples);
  };
  try {
    if (!first.done) await write(first.value);
    for await (const chunk of rest) await write(chunk);
    await encoder.end();
    return samples / SAMPLE_RATE;
  } catch (err) {
    if (err instanceof CancelledError) encoder.abort();
    else await encoder.end().catch(() => encoder.abort());
    throw err;
  }
}
