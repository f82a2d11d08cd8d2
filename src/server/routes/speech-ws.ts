import type { FastifyInstance } from "fastify";
import type { WebSocket } from "ws";
import { z } from "zod";
import { createEncoder, EncoderUnavailableError, type StreamingEncoder } from "../../audio/encoders/index.js";
import { CancelledError } from "../../engine/errors.js";
import { SAMPLE_RATE } from "../../model/contract.js";
import type { Lang } from "../../text/lang.js";
import { resolveVoice, type ResolvedVoice } from "../../engine/voices/index.js";
import { InvalidPhonemesError } from "../../g2p/index.js";
import type { RuntimeView } from "../../runtime/runtime-state.js";
import { SentenceBuffer } from "../../pipeline/sentence-buffer.js";
import { NothingToSpeakError, prepareSpeech, synthesize, type SpeechServices } from "../../pipeline/speech.js";
import { wordTimings } from "../../pipeline/word-timings.js";
import { ActiveLimit } from "../active-limit.js";
import { ApiError } from "../errors.js";
import { closeSocket } from "../ws-close.js";
import { parseSpeechRequest } from "../speech-request.js";
import type { RequestTelemetry } from "../../telemetry/request-telemetry.js";
import type { SpeechRouteOptions } from "./speech.js";
import { performance } from "node:perf_hooks";

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
  readonly services: SpeechServices;
  readonly voice: ResolvedVoice;
  readonly speed: number;
  readonly lang: Lang;
  readonly encoder: StreamingEncoder;
  readonly sentences: SentenceBuffer;
  readonly timing: RequestTelemetry;
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
    let speaking = 0;
    let idleTimer: NodeJS.Timeout | null = null;
    const stillActive = (): void => {
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = setTimeout(() => {
        if (speaking > 0) stillActive();
        else fail(`idle for ${options.wsIdleTimeoutMs} ms; closing`, true);
      }, options.wsIdleTimeoutMs);
    };
    stillActive();
    let session: Session | null = null;
    /** When the session's first audio went out: the listener's timeline, for deadlines and the look-ahead bound. */
    let firstAudioAt: number | null = null;
    let work: Promise<void> = Promise.resolve(); // sentences are spoken one after another, in order
    let audioSeconds = 0;
    let seq = 0;
    let ending = false;
    let audioHandedOver = false;
    let relayed: Promise<void> = Promise.resolve();

    /** Encoder output → an `audio` event and a binary frame each, pulled only as fast as the socket drains. */
    const relay = async (encoder: StreamingEncoder, timing: RequestTelemetry): Promise<void> => {
      try {
        for await (const bytes of encoder.output as AsyncIterable<Buffer>) {
          if (socket.readyState !== socket.OPEN) return;
          send({ type: "audio", seq: seq++, bytes: bytes.length });
          stillActive();
          if (audioHandedOver) timing.firstAudio();
          if (socket.bufferedAmount < SOCKET_HIGH_WATER) socket.send(bytes);
          else await new Promise<void>((resolve) => socket.send(bytes, () => resolve()));
        }
      } catch {
        // aborted: the socket closed
      }
    };

    const speak = (text: string): void => {
      const s = session;
      if (!s || text.trim() === "") return;
      speaking++;
      work = work.then(async () => {
        if (controller.signal.aborted) return;
        try {
          const prepared = await prepareSpeech(
            { text, voice: s.voice, speed: s.speed, lang: s.lang, codeBlocks: options.codeBlocks },
            s.services.frontEnd,
            options.adaptiveCallSizing ? s.services.engine.cost : undefined,
            controller.signal,
          );
          s.timing.text(text.length, prepared.g2pMs);
          // Later sentences continue the session's timeline: the look-ahead bound holds for the whole session.
          const startAtMs = firstAudioAt === null ? undefined : firstAudioAt + audioSeconds * 1000;
          const maxAheadS = options.maxAheadSeconds > 0 ? options.maxAheadSeconds : undefined;
          for await (const chunk of synthesize(prepared, s.services, { signal: controller.signal, maxAheadS, startAtMs })) {
            s.timing.call(chunk);
            audioHandedOver = true;
            firstAudioAt ??= performance.now();
            const { words, estimated } = wordTimings(chunk.chunk, audioSeconds - chunk.cutStartS, chunk.rawDurationS, chunk.durations);
            send({ type: "words", words, estimated });
            audioSeconds += chunk.samples.length / SAMPLE_RATE;
            await s.encoder.write(chunk.samples);
          }
        } catch (err) {
          if (err instanceof NothingToSpeakError || err instanceof CancelledError) return;
          fail(err instanceof InvalidPhonemesError ? err.message : "synthesis failed");
        } finally {
          speaking--;
        }
      });
    };

    const start = async (msg: Record<string, unknown>): Promise<void> => {
      const state = runtime.state;
      if (options.lifecycle.isDraining) return fail("the server is shutting down", true);
      if (state.status !== "ready") return fail("not ready: the model is still loading; retry shortly", true);
      // The same validation as the HTTP endpoint (the input is a placeholder: text arrives later).
      const req = parseSpeechRequest({ input: "-", voice: msg.voice, speed: msg.speed, response_format: msg.response_format ?? "pcm", lang: msg.lang }, options);
      const resolved = resolveVoice(req.voice, state.services.voices);
      if (!resolved.ok) return fail(resolved.message, true);
      const encoder = await createEncoder(req.format);
      const lang: Lang = req.lang ?? (resolved.voice.language === "en-gb" ? "en-gb" : "en-us");
      const timing = options.telemetry.begin("/v1/audio/speech/ws", request.log, { format: req.format, mode: "websocket", voice: resolved.voice.id });
      const frontEnd = state.services.frontEnd;
      const sentences = new SentenceBuffer(lang, (text, l) => frontEnd.sentenceEnds(text, l));
      session = { services: state.services, voice: resolved.voice, speed: req.speed, lang, encoder, sentences, timing };
      relayed = relay(encoder, timing);
      send({ type: "started", format: req.format, sample_rate: SAMPLE_RATE, voice: resolved.voice.id });
    };

    const finish = async (s: Session): Promise<void> => {
      speak(s.sentences.flush());
      await work;
      await s.encoder.end();
      await relayed;
      s.timing.end({ audioSeconds, result: "done" });
      send({ type: "done", audio_seconds: Math.round(audioSeconds * 1000) / 1000 });
      closeSocket(socket, 1000, "done");
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
          const text = err instanceof ApiError || err instanceof EncoderUnavailableError ? err.message : "could not start the session";
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
        speak(ready !== "" || s.sentences.size <= options.maxInputChars ? ready : s.sentences.flush());
      }
      else if (parsed.type === "flush") speak(s.sentences.flush());
      else {
        ending = true;
        finish(s).catch(() => closeSocket(socket, 1011, "synthesis failed"));
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
      controller.abort();
      session?.encoder.abort();
      session?.timing.end({ audioSeconds, result: "cancelled" });
    });
  });
}
