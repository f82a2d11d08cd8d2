import type { FastifyBaseLogger } from "fastify";
import type { WebSocket } from "ws";
import { z } from "zod";
import { EncoderUnavailableError } from "../audio/encoders/index.js";
import { CancelledError } from "../engine/errors.js";
import { SAMPLE_RATE } from "../model/contract.js";
import { streamEncoded } from "../pipeline/encode-speech.js";
import { SpeechInputError } from "../pipeline/errors.js";
import { parseSpeechRequest } from "../pipeline/request.js";
import { pieceBufferFor, type PieceBuffer } from "../pipeline/piece-buffer.js";
import { openSpeech, type PieceReading, type Speech, type SpeakSettings } from "../pipeline/speak.js";
import { TextQueue } from "../pipeline/text-queue.js";
import type { RuntimeView } from "../runtime/runtime-state.js";
import type { Lang } from "../text/lang.js";
import { observeSpeech } from "../telemetry/observe-speech.js";
import type { RequestTelemetry } from "../telemetry/request-telemetry.js";
import type { Telemetry } from "../telemetry/telemetry.js";
import { ApiError } from "./errors.js";
import type { Lifecycle } from "./lifecycle.js";
import { notReadyError, readyServices } from "./require-ready.js";
import { closeSocket } from "./ws-close.js";

/** Above this many bytes waiting in the socket, audio waits for the client (bounded look-ahead). */
const SOCKET_HIGH_WATER = 256 * 1024;

/** The route's name in telemetry. */
const ROUTE = "/v1/audio/speech/ws";

/** What a client may send: the session's protocol (see SpeechSession). */
export const clientMessageSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("start"),
    voice: z.unknown().optional(),
    speed: z.unknown().optional(),
    response_format: z.unknown().optional(),
    lang: z.unknown().optional(),
    normalization: z.unknown().optional(),
    input_format: z.unknown().optional(),
  }),
  z.object({ type: z.literal("text"), text: z.string() }),
  z.object({ type: z.literal("flush") }),
  z.object({ type: z.literal("end") }),
]);
type ClientMessage = z.infer<typeof clientMessageSchema>;

export interface SpeechSessionOptions extends SpeakSettings {
  readonly maxInputChars: number;
  readonly defaultVoice: string;
  /** Closed without a `start` after this long, or after this long with nothing happening. */
  readonly wsStartTimeoutMs: number;
  readonly wsIdleTimeoutMs: number;
  readonly telemetry: Telemetry;
  readonly lifecycle: Lifecycle;
}

/** Sends one JSON event, if the socket is still open. */
export function sendEvent(socket: WebSocket, event: Record<string, unknown>): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(event));
}

/**
 * One WebSocket speech session: text in as it arrives, audio out as soon as each sentence is complete.
 * Client → server JSON: `start` {voice, speed, response_format, lang, normalization, input_format}, then any number
 * of `text` {text}, `flush` (speak what is buffered now), `end` (flush, finish, close). `input_format` says how the
 * pieces are read (piece-buffer.ts): text (inline tags) and phonemes are spoken sentence by sentence; an ssml
 * document is collected until `flush` or `end` and compiled as a whole, as HTTP compiles an input. Server → client:
 * `started`, before each binary audio frame an `audio` event {seq, bytes}, `words` timings per model call,
 * `ignored_tags` {tags} for SSML markup not understood, `error`, and `done` {audio_seconds} after `end`. `end()`
 * (the socket closed) cancels everything queued for it.
 */
export class SpeechSession {
  private readonly controller = new AbortController();
  /** Text pieces until their unit (a sentence, an SSML document) is complete, and complete units read by the pipeline in order. */
  private session: { readonly sentences: PieceBuffer; readonly text: TextQueue } | null = null;
  private seq = 0;
  private ending = false;
  private readonly startTimer: NodeJS.Timeout;
  private idleTimer: NodeJS.Timeout | null = null;
  /** Messages are handled one at a time, so text sent right after `start` waits for the session to exist. */
  private inbox: Promise<void> = Promise.resolve();
  // At the end of the shutdown grace period an unfinished session is cancelled and closed.
  private readonly onShutdown = (): void => {
    this.fail("the server is shutting down", false);
    closeSocket(this.socket, 1001, "server shutting down");
  };

  constructor(
    private readonly socket: WebSocket,
    private readonly log: FastifyBaseLogger,
    private readonly runtime: RuntimeView,
    private readonly options: SpeechSessionOptions,
  ) {
    options.lifecycle.signal.addEventListener("abort", this.onShutdown, { once: true });
    // Bounded idle clients: a `start` within wsStartTimeoutMs, then something (a message in, audio out) at
    // least every wsIdleTimeoutMs while no sentence is being spoken.
    this.startTimer = setTimeout(() => this.fail(`no start message within ${options.wsStartTimeoutMs} ms; closing`, true), options.wsStartTimeoutMs);
    this.stillActive();
  }

  /** A message from the client. One that fails unexpectedly ends the session (never one that silently ignores the rest). */
  receive(data: Buffer, isBinary: boolean): void {
    this.inbox = this.inbox
      .then(() => this.handle(data, isBinary))
      .catch((err: unknown) => {
        this.log.error({ err }, "websocket message failed");
        this.fail("internal error", false);
        closeSocket(this.socket, 1011, "internal error");
      });
  }

  /** The socket closed: cancels the speech (its telemetry ends as cancelled) and ends its text, should it wait for more. */
  end(): void {
    clearTimeout(this.startTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.options.lifecycle.signal.removeEventListener("abort", this.onShutdown);
    this.controller.abort();
    this.session?.text.close();
  }

  private fail(text: string, close = false): void {
    sendEvent(this.socket, { type: "error", message: text });
    if (close) closeSocket(this.socket, 1008, text);
  }

  private stillActive(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.session !== null && !this.session.text.idle) this.stillActive(); // a sentence is being spoken
      else this.fail(`idle for ${this.options.wsIdleTimeoutMs} ms; closing`, true);
    }, this.options.wsIdleTimeoutMs);
  }

  private async handle(data: Buffer, isBinary: boolean): Promise<void> {
    this.stillActive();
    if (isBinary) return this.fail("send JSON text messages");
    let message: ClientMessage;
    try {
      message = clientMessageSchema.parse(JSON.parse(data.toString("utf8")));
    } catch {
      return this.fail('invalid message: expected JSON {"type": "start" | "text" | "flush" | "end", ...}');
    }
    if (message.type === "start") {
      if (this.session) return this.fail("the session has already started");
      clearTimeout(this.startTimer);
      return this.start(message).catch((err: unknown) => {
        const known = err instanceof SpeechInputError || err instanceof ApiError || err instanceof EncoderUnavailableError;
        this.fail(known ? err.message : "could not start the session", true);
      });
    }
    const s = this.session;
    if (!s) return this.fail('send {"type": "start"} first', true);
    if (this.ending) return this.fail("the session is ending");
    if (message.type === "text") {
      const limit = this.options.maxInputChars;
      if ([...message.text].length > limit) return this.fail(`a text message is limited to ${limit} characters`);
      let ready: string;
      try {
        ready = await s.sentences.push(message.text);
      } catch (err) {
        if (err instanceof SpeechInputError) return this.fail(err.message); // an SSML document past the limit
        throw err;
      }
      // Text that never ends a sentence must not pile up: past the limit it is spoken as it stands.
      s.text.push(ready !== "" || s.sentences.size <= limit ? ready : s.sentences.flush());
    } else if (message.type === "flush") s.text.push(s.sentences.flush());
    else {
      // What is buffered is spoken, then `done` and the close follow (speak()).
      this.ending = true;
      s.text.push(s.sentences.flush());
      s.text.close();
    }
  }

  private async start(msg: Extract<ClientMessage, { type: "start" }>): Promise<void> {
    const notReady = notReadyError(this.runtime, { lifecycle: this.options.lifecycle });
    if (notReady) return this.fail(notReady.message, true);
    // The same validation as the HTTP endpoint (the input is a placeholder: text arrives later).
    const body = { input: "-", voice: msg.voice, speed: msg.speed, response_format: msg.response_format ?? "pcm", lang: msg.lang, normalization: msg.normalization, input_format: msg.input_format };
    const req = parseSpeechRequest(body, this.options);
    if (req.captions !== null) throw new SpeechInputError(`response_format ${req.captions} is for POST /v1/audio/speech; the WebSocket sends audio and its words events`, "unsupported_format", "response_format");
    const services = readyServices(this.runtime);
    const speech = await openSpeech(services, req, this.options);
    const timing = this.options.telemetry.begin(ROUTE, this.log, { format: req.format, mode: "websocket", voice: speech.voice.id });
    const text = new TextQueue();
    // Pieces are read in the session's form (never sniffed: a piece that starts with <speak is text unless the start says ssml).
    const reading: PieceReading = {
      format: req.inputFormat ?? "text",
      request: { voice: req.voice, lang: req.lang, explicitSpeed: req.explicitSpeed },
      onIgnoredTags: (tags) => {
        this.log.info({ ignoredTags: tags }, "markup not understood; its text is spoken");
        sendEvent(this.socket, { type: "ignored_tags", tags: tags.slice(0, 20) });
      },
    };
    const split = (t: string, l: Lang): Promise<number[]> => services.frontEnd.sentenceEnds(t, l);
    this.session = { sentences: pieceBufferFor(reading.format, speech.lang, split, this.options.maxInputChars), text };
    sendEvent(this.socket, { type: "started", format: req.format, sample_rate: SAMPLE_RATE, voice: speech.voice.id, input_format: reading.format });
    this.speak(speech, text, timing, reading).catch((err: unknown) => {
      if (err instanceof CancelledError || this.controller.signal.aborted) return;
      this.log.error({ err }, "websocket synthesis failed");
      this.fail("synthesis failed");
      closeSocket(this.socket, 1011, "synthesis failed");
    });
  }

  /** The pipeline's events → `words` events, and an `audio` event and a binary frame for each piece of audio. */
  private async speak(speech: Speech, text: TextQueue, timing: RequestTelemetry, pieces: PieceReading): Promise<void> {
    const socket = this.socket;
    let audioSeconds = 0;
    const events = speech.events(text, {
      signal: this.controller.signal,
      streaming: true,
      pieces,
      // A sentence that cannot be spoken is reported (or, with nothing to say, skipped); the session goes on.
      onPieceError: (err: SpeechInputError) => {
        if (err.code !== "empty_input") this.fail(err.message);
      },
    });
    for await (const event of observeSpeech(streamEncoded(events, speech.format), timing, this.controller.signal)) {
      if (event.type === "call") {
        audioSeconds += event.call.durationS;
        sendEvent(socket, { type: "words", words: event.words, estimated: event.estimated });
      } else if (event.type === "audio" && socket.readyState === socket.OPEN) {
        sendEvent(socket, { type: "audio", seq: this.seq++, bytes: event.bytes.length });
        this.stillActive();
        // Pulled only as fast as the socket drains: a slow client holds synthesis (bounded look-ahead).
        if (socket.bufferedAmount < SOCKET_HIGH_WATER) socket.send(event.bytes);
        else await new Promise<void>((resolve) => socket.send(event.bytes, () => resolve()));
      }
    }
    sendEvent(socket, { type: "done", audio_seconds: Math.round(audioSeconds * 1000) / 1000 });
    closeSocket(socket, 1000, "done");
  }
}
