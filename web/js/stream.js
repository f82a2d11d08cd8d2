// One streamed request: pcm over server-sent events, decoded as it arrives.
import { postSpeech } from "./api.js";
import { base64ToBytes, createPcm16Decoder, SAMPLE_RATE } from "./pcm.js";
import { sseJsonEvents } from "./sse.js";

/**
 * Streams `request` as raw 24 kHz s16le in SSE events, through `post` (the speech endpoint unless told:
 * the dialogue endpoint streams the same events). Calls `onAudio(samples, sampleRate, byteCount)` for
 * every delta and `onWords(words, estimated)` for every word-timing event; resolves with the usage of
 * `speech.audio.done`. After each delta it awaits `pace()` before reading on: while that waits, the body
 * is not read, so TCP backpressure holds the server's synthesis too (it never runs minutes ahead). Throws the server's error, an AbortError when `signal` fires, or an error when the
 * stream ends without `speech.audio.done` (the server ends it that way when synthesis fails midway).
 */
export async function streamSpeech({ request, apiKey, signal, onAudio, onWords, pace = async () => {}, post = postSpeech }) {
  const res = await post({ ...request, response_format: "pcm", stream_format: "sse" }, apiKey, signal);
  const pcm = createPcm16Decoder();
  for await (const { data } of sseJsonEvents(res.body)) {
    if (data.type === "speech.audio.delta") {
      const bytes = base64ToBytes(data.audio);
      onAudio(pcm.decode(bytes), SAMPLE_RATE, bytes.length);
      await pace();
    } else if (data.type === "speech.audio.words") {
      onWords(data.words, data.estimated === true);
    } else if (data.type === "speech.audio.done") {
      return data.usage ?? null;
    }
  }
  throw new Error("the stream ended early: the server stopped before the end of the text");
}
