import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { performance } from "node:perf_hooks";
import {
  assertEncoderAvailable,
  CONTENT_TYPES,
  createEncoder,
  EncoderUnavailableError,
  encodeWhole,
  type StreamingEncoder,
} from "../../audio/encoders/index.js";
import { concatFloat32 } from "../../audio/pcm.js";
import { CancelledError, SAMPLE_RATE } from "../../engine/engine.js";
import { resolveVoice } from "../../engine/voices/index.js";
import { InvalidPhonemesError } from "../../g2p/index.js";
import type { Lang } from "../../g2p/types.js";
import type { RuntimeView } from "../../pipeline/runtime-state.js";
import { NothingToSpeakError, prepareSpeech, synthesize, type AudioChunk } from "../../pipeline/speech.js";
import { ActiveLimit } from "../active-limit.js";
import { ApiError } from "../errors.js";
import { sseStream, wordsEvent } from "../sse.js";
import { parseSpeechRequest } from "../speech-request.js";

export interface SpeechRouteOptions {
  readonly maxInputChars: number;
  readonly defaultVoice: string;
  readonly codeBlocks: "skip" | "read";
  readonly maxActiveRequests: number;
  readonly adaptiveCallSizing: boolean;
}

/** An AbortSignal that fires when the client goes away before the response is complete. */
function clientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.on("close", () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

/** `POST /v1/audio/speech`: OpenAI's speech endpoint. Thin: validate, run the pipeline, encode. */
export function speechRoutes(app: FastifyInstance, runtime: RuntimeView, options: SpeechRouteOptions): void {
  const active = new ActiveLimit(options.maxActiveRequests);
  app.post("/v1/audio/speech", async (request: FastifyRequest, reply: FastifyReply) => {
    const state = runtime.state;
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

    let prepared;
    try {
      prepared = await prepareSpeech(
        { text: req.input, voice: resolved.voice, speed: req.speed, lang, codeBlocks: options.codeBlocks, volume: req.volume },
        state.services.g2p,
        options.adaptiveCallSizing ? state.services.engine.cost : undefined,
      );
    } catch (err) {
      if (err instanceof NothingToSpeakError) throw new ApiError(400, "input has nothing to speak", "empty_input", "input");
      if (err instanceof InvalidPhonemesError) throw new ApiError(400, err.message, "invalid_phonemes", "input");
      throw err;
    }

    // One slot per request until its response is finished or its client is gone.
    const release = active.acquire();
    if (!release) {
      throw new ApiError(429, `too many requests in progress (${active.max}); retry shortly`, "too_many_requests", null, "invalid_request_error", {
        "Retry-After": "1",
      });
    }
    reply.raw.once("close", release);

    const signal = clientGone(reply);
    const log = { chars: req.input.length, calls: prepared.chunks.length, g2p_ms: prepared.g2pMs, format: req.format };
    if (!req.stream && req.streamFormat === "audio") {
      const parts: Float32Array[] = [];
      for await (const chunk of synthesize(prepared, state.services, { signal })) parts.push(chunk.samples);
      const samples = concatFloat32(parts);
      const body = await encodeWhole(req.format, samples);
      const audioS = samples.length / SAMPLE_RATE;
      const generationS = (performance.now() - started) / 1000;
      request.log.info({ ...log, audio_s: audioS, generation_s: generationS }, "speech done");
      return reply
        .header("Content-Type", CONTENT_TYPES[req.format])
        .header("X-Audio-Duration", audioS.toFixed(3))
        .header("X-Generation-Time", generationS.toFixed(3))
        .header("X-RTF", audioS > 0 ? (generationS / audioS).toFixed(4) : "0")
        .send(body);
    }

    // Streaming: the encoder starts while the first call runs; headers go out with the first audio, so a
    // failing first call is still a clean error response.
    const encoder = await createEncoder(req.format);
    const calls = synthesize(prepared, state.services, { signal });
    let first: IteratorResult<AudioChunk>;
    try {
      first = await calls.next();
    } catch (err) {
      encoder.abort();
      throw err;
    }
    const logEnd = (done: Promise<number>): void =>
      void done.then(
        (audioS) => request.log.info({ ...log, audio_s: audioS, generation_s: (performance.now() - started) / 1000 }, "speech streamed"),
        (err: unknown) => request.log.warn({ ...log, err: err instanceof Error ? err.message : String(err) }, "speech stream ended early"),
      );
    if (req.streamFormat === "sse") {
      const inputTokens = prepared.chunks.reduce((n, c) => n + c.ids.length, 0);
      const events = sseStream(encoder, inputTokens, (send) => pump(first, calls, encoder, (chunk, offsetS) => send(wordsEvent(chunk, offsetS))));
      logEnd(events.done);
      return reply.header("Content-Type", "text/event-stream").header("Cache-Control", "no-cache").send(events.stream);
    }
    logEnd(pump(first, calls, encoder));
    return reply.header("Content-Type", encoder.contentType).send(encoder.output);
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
  onChunk?: (chunk: AudioChunk, offsetS: number) => void,
): Promise<number> {
  let samples = 0;
  const write = async (chunk: AudioChunk): Promise<void> => {
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
