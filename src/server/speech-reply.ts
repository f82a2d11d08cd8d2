import type { FastifyReply, FastifyRequest } from "fastify";
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { afterFirstCall, audioBytes, fileEncoded, streamEncoded, wholeFile, untilFailure } from "../pipeline/encode-speech.js";
import type { SpeechRequest } from "../pipeline/request.js";
import type { Speech } from "../pipeline/speak.js";
import { ignoredTagsHeader } from "../pipeline/speech-input.js";
import type { ResolvedScript } from "../pipeline/speech-steps.js";
import { captionBody, collectCaptions } from "../captions/index.js";
import { observeSpeech } from "../telemetry/observe-speech.js";
import { clientGone, holdSlot } from "./request-life.js";
import type { SpeechPluginOptions } from "./speech-options.js";
import { sseEvents } from "./sse.js";

/**
 * Speaks a validated request's input and sends it (a whole file, an audio stream, or SSE) — what the speech and
 * dialogue routes share. From here the request holds a slot and is cancelled when its client goes.
 */
export async function replySpeech(
  route: string,
  request: FastifyRequest,
  reply: FastifyReply,
  options: SpeechPluginOptions,
  started: number,
  speech: Speech,
  req: Pick<SpeechRequest, "format" | "stream" | "streamFormat"> & Partial<Pick<SpeechRequest, "captions" | "timestamps">>,
  input: string | ResolvedScript,
): Promise<FastifyReply> {
  const ignored = ignoredTagsHeader(input);
  if (ignored !== null) {
    reply.header("X-Kokoro-Ignored-Tags", ignored);
    request.log.info({ ignoredTags: ignored }, "markup not understood; its text is spoken");
  }
  holdSlot(options.slots, request, reply);
  const signal = clientGone(request, reply, options.lifecycle.signal);
  const mode = req.streamFormat === "sse" ? "sse" : req.stream ? "stream" : "file";
  const timing = options.telemetry.begin(route, request.log, { format: req.format, mode, voice: speech.voice.id });
  const events = speech.events(input, { signal, streaming: mode !== "file" });

  if (mode === "file") {
    // Captions (srt/vtt, timestamps) come from the same events that make the file: timed to its audio exactly.
    const collected = collectCaptions(events);
    const file = await wholeFile(observeSpeech(fileEncoded(collected.events, req.format), timing, signal));
    const generationS = (performance.now() - started) / 1000;
    const captions = captionBody(req, collected.result(), file.bytes);
    return reply
      .header("Content-Type", captions?.contentType ?? speech.contentType)
      .header("X-Audio-Duration", file.audioSeconds.toFixed(3))
      .header("X-Generation-Time", generationS.toFixed(3))
      .header("X-RTF", file.audioSeconds > 0 ? (generationS / file.audioSeconds).toFixed(4) : "0")
      .send(captions?.body ?? file.bytes);
  }
  // Headers go out with the first audio, so a failing first call is still a clean error response.
  const parts = await afterFirstCall(observeSpeech(streamEncoded(events, req.format), timing, signal));
  if (mode === "sse") {
    return reply.header("Content-Type", "text/event-stream").header("Cache-Control", "no-cache").send(Readable.from(untilFailure(sseEvents(parts))));
  }
  return reply.header("Content-Type", speech.contentType).send(Readable.from(untilFailure(audioBytes(parts))));
}
