import type { FastifyInstance } from "fastify";
import type { WebSocket } from "ws";
import { z } from "zod";
import { EncoderUnavailableError } from "../../audio/encoders/index.js";
import { CancelledError } from "../../engine/errors.js";
import { SAMPLE_RATE } from "../../model/contract.js";
import { streamEncoded } from "../../pipeline/encode-speech.js";
import { SpeechInputError } from "../../pipeline/errors.js";
import { parseSpeechRequest } from "../../pipeline/request.js";
import { SentenceBuffer } from "../../pipeline/sentence-buffer.js";
import { openSpeech, type Speech } from "../../pipeline/speak.js";
import { TextQueue } from "../../pipeline/text-queue.js";
import type { RuntimeView } from "../../runtime/runtime-state.js";
import { observeSpeech } from "../../telemetry/observe-speech.js";
import type { RequestTelemetry } from "../../telemetry/request-telemetry.js";
import { ActiveLimit } from "../active-limit.js";
import { ApiError } from "../errors.js";
import { notReadyError, readyServices } from "../require-ready.js";
import { closeSocket } from "../ws-close.js";
import type { SpeechRouteOptions } from "./speech.js";

/** Above this many bytes waiting in the socket, audio waits for the client (bounded look-ahead). */
const SOCKET_HIGH_WATER = 256 * 1024;

const message = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("start"),
    voice: z.unknown().optional(),
    speed: z.unknown().optional(),
    response_format: z.unknown().optional(),
    lang: z.unknown().optional(),
  }),
  z.object({ type: z.literal("text"), text: z.string() }),
  z.object({ type: z.literal("flush") }),
  z.object({ type: z.literal("end") }),
]);

interface Session {
  /** Text pieces until their sentence is complete. */
  readonly sentences: SentenceBuffer;
  /** Complete sentences, read by the pipeline in order. */
  readonly text: TextQueue;
}

/**
 * `GET /v1/audio/speech/ws`: text in as it arrives, audio out as soon as each sentence is complete.
 * Client → server JSON: `start` {voice, speed, response_format, lang}, then any number of `text` {text},
 * `flush` (speak what is buffered now), `end` (flush, finish, close). Server → client: `started`, before
 * each binary audio frame an `audio` event {seq, bytes}, `words` timings per model call, `error`, and
 * `done` {audio_seconds} after `end`. Closing the socket cancels everything queued for it.
 */
export type SpeechWebSocketOptions = Pick<
  SpeechRouteOptions,
  "maxInputChars" | "defaultVoice" | "codeBlocks" | "adaptiveCallSizing" | "maxAheadSeconds" | "wsStartTimeoutMs" | "wsIdleTimeoutMs" | "telemetry" | "lifecycle"
>;

export function speechWebSocketRoutes(app: FastifyInstance, runtime: RuntimeView, options: SpeechWebSocketOptions, active = new ActiveLimit(Infinity)): void {
  app.get("/v1/audio/speech/ws", { websocket: true }, (socket: WebSocket, request) => {
    const send = (event: Record<string, unknown>): void => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(event));
    };
    // A session counts against maxActiveRequests like an HTTP request, for its whole life.
    const release = active.acquire();
    if (!release) {
      send({ type: "error", message: `too many requests in progress (${active.max}); retry shortly` });
      closeSocket(socket, 1013, "too many requests in progress; retry shortly");
      return;
    }
    const controller = new AbortController();
    // At the end of the shutdown grace period an unfinished session is cancelled and closed.
    const onShutdown = (): void => {
      fail("the server is shutting down", false);
      closeSocket(socket, 1001, "server shutting down");
    };
    options.lifecycle.signal.addEventListener("abort", onShutdown, { once: true });
    const fail = (text: string, close = false): void => {
      send({ type: "error", message: text });
      if (close) closeSocket(socket, 1008, text);
    };
    // Bounded idle clients: a `start` within wsStartTimeoutMs, then something (a message in, audio out) at
    // least every wsIdleTimeoutMs while no sentence is being spoken.
    const startTimer = setTimeout(() => fail(`no start message within ${options.wsStartTimeoutMs} ms; closing`, true), options.wsStartTimeoutMs);
    let idleTimer: NodeJS.Timeout | null = null;
    const stillActive = (): void => {
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = setTimeout(() => {
        if (session !== null && !session.text.idle) stillActive(); // a sentence is being spoken
        else fail(`idle for ${options.wsIdleTimeoutMs} ms; closing`, true);
      }, options.wsIdleTimeoutMs);
    };
    stillActive();
    let session: Session | null = null;
    let seq = 0;
    let ending = false;

    /** The pipeline's events → `words` events, and an `audio` event and a binary frame for each piece of audio. */
    const speak = async (speech: Speech, text: TextQueue, timing: RequestTelemetry): Promise<void> => {
      let audioSeconds = 0;
      const events = speech.events(text, {
        signal: controller.signal,
        streaming: true,
        // A sentence that cannot be spoken is reported (or, with nothing to say, skipped); the session goes on.
        onPieceError: (err: SpeechInputError) => {
          if (err.code !== "empty_input") fail(err.message);
        },
      });
      for await (const event of observeSpeech(streamEncoded(events, speech.format), timing, controller.signal)) {
        if (event.type === "call") {
          audioSeconds += event.call.durationS;
          send({ type: "words", words: event.words, estimated: event.estimated });
        } else if (event.type === "audio" && socket.readyState === socket.OPEN) {
          send({ type: "audio", seq: seq++, bytes: event.bytes.length });
          stillActive();
          // Pulled only as fast as the socket drains: a slow client holds synthesis (bounded look-ahead).
          if (socket.bufferedAmount < SOCKET_HIGH_WATER) socket.send(event.bytes);
          else await new Promise<void>((resolve) => socket.send(event.bytes, () => resolve()));
        }
      }
      send({ type: "done", audio_seconds: Math.round(audioSeconds * 1000) / 1000 });
      closeSocket(socket, 1000, "done");
    };

    const start = async (msg: Record<string, unknown>): Promise<void> => {
      const notReady = notReadyError(runtime, { lifecycle: options.lifecycle });
      if (notReady) return fail(notReady.message, true);
      // The same validation as the HTTP endpoint (the input is a placeholder: text arrives later).
      const req = parseSpeechRequest({ input: "-", voice: msg.voice, speed: msg.speed, response_format: msg.response_format ?? "pcm", lang: msg.lang }, options);
      const speech = await openSpeech(readyServices(runtime), req, options);
      const timing = options.telemetry.begin("/v1/audio/speech/ws", request.log, { format: req.format, mode: "websocket", voice: speech.voice.id });
      const frontEnd = readyServices(runtime).frontEnd;
      const text = new TextQueue();
      session = { sentences: new SentenceBuffer(speech.lang, (t, l) => frontEnd.sentenceEnds(t, l)), text };
      send({ type: "started", format: req.format, sample_rate: SAMPLE_RATE, voice: speech.voice.id });
      speak(speech, text, timing).catch((err: unknown) => {
        if (err instanceof CancelledError || controller.signal.aborted) return;
        request.log.error({ err }, "websocket synthesis failed");
        fail("synthesis failed");
        closeSocket(socket, 1011, "synthesis failed");
      });
    };

    const handle = async (data: Buffer, isBinary: boolean): Promise<void> => {
      stillActive();
      if (isBinary) return fail("send JSON text messages");
      let parsed: z.infer<typeof message>;
      try {
        parsed = message.parse(JSON.parse(data.toString("utf8")));
      } catch {
        return fail('invalid message: expected JSON {"type": "start" | "text" | "flush" | "end", ...}');
      }
      if (parsed.type === "start") {
        if (session) return fail("the session has already started");
        clearTimeout(startTimer);
        return start(parsed).catch((err: unknown) => {
          const known = err instanceof SpeechInputError || err instanceof ApiError || err instanceof EncoderUnavailableError;
          const text = known ? err.message : "could not start the session";
          fail(text, true);
        });
      }
      const s = session;
      if (!s) return fail('send {"type": "start"} first', true);
      if (ending) return fail("the session is ending");
      if (parsed.type === "text") {
        if ([...parsed.text].length > options.maxInputChars) return fail(`a text message is limited to ${options.maxInputChars} characters`);
        const ready = await s.sentences.push(parsed.text);
        // Text that never ends a sentence must not pile up: past the limit it is spoken as it stands.
        s.text.push(ready !== "" || s.sentences.size <= options.maxInputChars ? ready : s.sentences.flush());
      } else if (parsed.type === "flush") s.text.push(s.sentences.flush());
      else {
        // What is buffered is spoken, then `done` and the close follow (speak()).
        ending = true;
        s.text.push(s.sentences.flush());
        s.text.close();
      }
    };
    // Messages are handled one at a time, so text sent right after `start` waits for the session to exist.
    let inbox: Promise<void> = Promise.resolve();
    // A message that fails unexpectedly ends the session (never a session that silently ignores the rest).
    socket.on("message", (data: Buffer, isBinary: boolean) => {
      inbox = inbox
        .then(() => handle(data, isBinary))
        .catch((err: unknown) => {
          request.log.error({ err }, "websocket message failed");
          fail("internal error", false);
          closeSocket(socket, 1011, "internal error");
        });
    });

    socket.on("close", () => {
      release();
      clearTimeout(startTimer);
      if (idleTimer) clearTimeout(idleTimer);
      options.lifecycle.signal.removeEventListener("abort", onShutdown);
      // Cancels the speech (its telemetry ends as cancelled) and ends its text, should it be waiting for more.
      controller.abort();
      session?.text.close();
    });
  });
}
