import { createEncoder, encodeWhole, type AudioFormat } from "../audio/encoders/index.js";
import { concatFloat32 } from "../audio/pcm.js";
import { CancelledError } from "../engine/errors.js";
import type { SpeechEvent } from "./speak.js";

/** The speech's events with the encoded audio between them, in the order the transport should send them. */
export type EncodedEvent = SpeechEvent | { readonly type: "audio"; readonly bytes: Buffer };

/** Encoded bytes waiting for the consumer, above which the encoder (and through it synthesis) waits. */
const HIGH_WATER_BYTES = 64 * 1024;

/**
 * Streaming: feeds every call's audio to a streaming encoder as it arrives and yields the events with the
 * encoder's output between them. The encoder runs beside the consumer (ffmpeg's output lags its input), and a
 * consumer that reads slowly holds the encoder and, through it, synthesis: look-ahead stays bounded. A failure
 * after audio has gone out ends the file cleanly (shorter, still valid) before it is thrown; a cancellation
 * drops what is left. A consumer that stops early stops the encoder and the synthesis it pulls.
 */
export async function* streamEncoded(events: AsyncIterable<SpeechEvent>, format: AudioFormat): AsyncGenerator<EncodedEvent> {
  const encoder = await createEncoder(format);
  const queue: EncodedEvent[] = [];
  let queuedBytes = 0;
  let stopped = false;
  let failure: { readonly error: unknown } | null = null;
  // Who waits: the consumer for events, the encoder's reader for the consumer to catch up.
  const waiting: { consumer: (() => void) | null; reader: (() => void) | null } = { consumer: null, reader: null };
  const wake = (who: "consumer" | "reader"): void => {
    const resume = waiting[who];
    waiting[who] = null;
    resume?.();
  };

  const feeding = (async () => {
    try {
      for await (const event of events) {
        if (stopped) break;
        queue.push(event);
        wake("consumer");
        if (event.type === "call") await encoder.write(event.call.samples);
      }
      await encoder.end();
    } catch (error) {
      failure ??= { error };
      if (error instanceof CancelledError) encoder.abort();
      else await encoder.end().catch(() => encoder.abort());
    }
  })();
  const reading = (async () => {
    try {
      for await (const bytes of encoder.output as AsyncIterable<Buffer>) {
        queue.push({ type: "audio", bytes });
        queuedBytes += bytes.length;
        wake("consumer");
        while (queuedBytes > HIGH_WATER_BYTES && !stopped) await new Promise<void>((resume) => (waiting.reader = resume));
      }
    } catch (error) {
      // Aborted, or the encoder failed: a failure of the feed (which sees the same error) says why first.
      failure ??= { error };
    }
  })();
  let finished = false;
  void Promise.all([feeding, reading]).then(() => {
    finished = true;
    wake("consumer");
  });

  try {
    for (;;) {
      const next = queue.shift();
      if (next !== undefined) {
        if (next.type === "audio") {
          queuedBytes -= next.bytes.length;
          wake("reader");
        }
        yield next;
        continue;
      }
      if (finished) break;
      await new Promise<void>((resume) => (waiting.consumer = resume));
    }
    if (failure !== null) throw (failure as { readonly error: unknown }).error;
  } finally {
    stopped = true;
    wake("reader");
    if (!finished) encoder.abort();
  }
}

/**
 * A whole file (`"stream": false`): the events pass through as they come, then the complete file — wav with
 * exact sizes, flac with its sample count — is one `audio` event at the end.
 */
export async function* fileEncoded(events: AsyncIterable<SpeechEvent>, format: AudioFormat): AsyncGenerator<EncodedEvent> {
  const parts: Float32Array[] = [];
  for await (const event of events) {
    if (event.type === "call") parts.push(event.call.samples);
    yield event;
  }
  yield { type: "audio", bytes: await encodeWhole(format, parts.length === 1 ? parts[0]! : concatFloat32(parts)) };
}

/**
 * Pulls events until the first model call has succeeded, so that a request whose first call fails still gets a
 * clean error response (nothing has been sent yet); then the whole stream, those events first.
 */
export async function afterFirstCall<E extends { readonly type: string }>(events: AsyncIterable<E>): Promise<AsyncGenerator<E>> {
  const it = events[Symbol.asyncIterator]();
  const head: E[] = [];
  let ended = false;
  for (;;) {
    const next = await it.next();
    if (next.done === true) {
      ended = true;
      break;
    }
    head.push(next.value);
    if (next.value.type === "call") break;
  }
  return (async function* () {
    try {
      yield* head;
      if (ended) return;
      for (;;) {
        const next = await it.next();
        if (next.done === true) return;
        yield next.value;
      }
    } finally {
      await it.return?.();
    }
  })();
}

/** Only the encoded bytes (an HTTP body). */
export async function* audioBytes(events: AsyncIterable<EncodedEvent>): AsyncGenerator<Buffer> {
  for await (const event of events) if (event.type === "audio") yield event.bytes;
}

/** The whole file of a `fileEncoded` stream, and the seconds of audio in it. */
export async function wholeFile(events: AsyncIterable<EncodedEvent>): Promise<{ bytes: Buffer; audioSeconds: number }> {
  let bytes: Buffer = Buffer.alloc(0);
  let audioSeconds = 0;
  for await (const event of events) {
    if (event.type === "audio") bytes = event.bytes;
    else if (event.type === "call") audioSeconds += event.call.durationS;
  }
  return { bytes, audioSeconds };
}

/**
 * A response body that ends cleanly when the speech fails after it has started (a shorter but valid file, or an
 * SSE stream without its `done` event): the failure is already in the request's log line and metrics.
 */
export async function* untilFailure<T>(items: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* items;
  } catch {
    return;
  }
}
