import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { WebSocket } from "ws";
import { closeSocket } from "../ws-close.js";
import { sendEvent, SpeechSession } from "../ws-session.js";
import type { SpeechPluginOptions } from "../speech-options.js";

const docs = {
  summary: "Speak text as it arrives (WebSocket)",
  description: [
    "Upgrade to a WebSocket. Client → server JSON messages: `start` {voice, speed, response_format (default pcm), lang,",
    "normalization, input_format (text, ssml or phonemes; default text)}, then any number of `text` {text}, `flush` (speak",
    "what is buffered now; with ssml: the document sent so far, compiled as a whole) and `end` (flush, finish, close).",
    "Server → client: `started` {format, sample_rate, voice, input_format}; before each binary audio frame an `audio` event",
    "{seq, bytes}; `words` timings per model call; `ignored_tags` {tags}; `error` {message}; `done` {audio_seconds} after `end`. Browsers may send the API key",
    "as `?api_key=`. Closing the socket cancels everything queued for it.",
  ].join(" "),
  response: { 101: { description: "Switching Protocols: the session begins." } },
};

/**
 * `GET /v1/audio/speech/ws`: one SpeechSession per socket (see ws-session.ts). A session counts against
 * maxActiveRequests like an HTTP request, for its whole life. Needs the websocket plugin registered first.
 */
export const speechWebSocketRoutes: FastifyPluginAsyncZod<SpeechPluginOptions> = async (app, options) => {
  const { runtime, slots } = options;
  // The websocket plugin hides its routes from the OpenAPI document; this transform shows the route regardless.
  const config = { swaggerTransform: ({ url }: { url: string }) => ({ url, schema: docs }) };
  app.get("/v1/audio/speech/ws", { websocket: true, config }, (socket: WebSocket, request) => {
    const release = slots.acquire();
    if (!release) {
      sendEvent(socket, { type: "error", message: `too many requests in progress (${slots.max}); retry shortly` });
      closeSocket(socket, 1013, "too many requests in progress; retry shortly");
      return;
    }
    const session = new SpeechSession(socket, request.log, runtime, options);
    socket.on("message", (data: Buffer, isBinary: boolean) => session.receive(data, isBinary));
    socket.on("close", () => {
      release();
      session.end();
    });
  });
};
