import { PassThrough, type Writable } from "node:stream";
import type { StreamingEncoder } from "../audio/encoders/index.js";
import { SAMPLE_RATE, SAMPLES_PER_FRAME } from "../model/contract.js";
import type { AudioChunk } from "../pipeline/speech.js";
import { wordTimings } from "../pipeline/word-timings.js";

/** One server-sent event carrying a JSON object, as OpenAI's speech SSE stream writes them. */
export type SendEvent = (event: Record<string, unknown>) => void;

/** Our own event: the words of one model call and when they are spoken (seconds into the audio). */
export function wordsEvent(chunk: AudioChunk, offsetS: number): Record<string, unknown> {
  const { words, estimated } = wordTimings(chunk.chunk, offsetS - chunk.cutStartS, chunk.rawDurationS, chunk.durations);
  return { type: "speech.audio.words", words, estimated };
}

/** Resolves when `stream` wants more data, or is gone. */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off("drain", done);
      stream.off("close", done);
      resolve();
    };
    stream.once("drain", done);
    stream.once("close", done);
  });
}

/**
 * OpenAI's `stream_format: "sse"`: every piece of encoded audio becomes a `speech.audio.delta` event
 * (base64), and `speech.audio.done` with usage ends the stream (`inputTokens`: the request's phoneme tokens). `feed` writes the audio into the encoder
 * (and may send other events in between); it resolves with the seconds of audio written.
 * Encoder output is pulled only as fast as the client reads the events, so a slow reader holds the
 * encoder and, through it, synthesis (bounded look-ahead) instead of piling events up in memory.
 * `onDelta` is told about every audio event sent (telemetry: the first one is the TTFA).
 */
export function sseStream(
  encoder: StreamingEncoder,
  inputTokens: number,
  feed: (send: SendEvent) => Promise<number>,
  onDelta: () => void = () => undefined,
): { stream: PassThrough; done: Promise<number> } {
  const stream = new PassThrough();
  const send: SendEvent = (event) => {
    if (!stream.destroyed) stream.write(`data: ${JSON.stringify(event)}\n\n`);
  };
  // Audio bytes leave the encoder in order; each becomes one delta event.
  const relayed = (async () => {
    try {
      for await (const bytes of encoder.output as AsyncIterable<Buffer>) {
        if (stream.destroyed) return;
        const wantsMore = stream.write(`data: ${JSON.stringify({ type: "speech.audio.delta", audio: bytes.toString("base64") })}\n\n`);
        onDelta();
        if (!wantsMore) await drained(stream);
      }
    } catch {
      // The encoder was aborted (client gone or synthesis failed): the feed's outcome decides what follows.
    }
  })();
  // A client that goes away destroys the events stream: stop the encoder too.
  stream.once("close", () => encoder.abort());
  const done = feed(send).then(
    async (audioS) => {
      await relayed;
      // Usage in OpenAI's shape. Kokoro has no text tokens: input is counted in phoneme tokens and output
      // in 25 ms audio frames (600 samples at 24 kHz, the model's own duration unit).
      const outputFrames = Math.round((audioS * SAMPLE_RATE) / SAMPLES_PER_FRAME);
      send({ type: "speech.audio.done", usage: { input_tokens: inputTokens, output_tokens: outputFrames, total_tokens: inputTokens + outputFrames } });
      stream.end();
      return audioS;
    },
    (err: unknown) => {
      stream.end();
      throw err;
    },
  );
  return { stream, done };
}
