import type { EncodedEvent } from "../pipeline/encode-speech.js";
import { SAMPLES_PER_FRAME } from "../model/contract.js";

/** One server-sent event carrying a JSON object, as OpenAI's speech SSE stream writes them. */
function sse(event: Record<string, unknown>): string {
  return `data: ${JSON.stringify(event)}\n\n`;
}

/**
 * OpenAI's `stream_format: "sse"`: every piece of encoded audio becomes a `speech.audio.delta` event (base64),
 * each model call's words our own `speech.audio.words` event (seconds into the audio; `estimated` when the model
 * gives no durations), and `speech.audio.done` with usage ends the stream. Kokoro has no text tokens: input is
 * counted in phoneme tokens and output in the model's own duration frames (600 samples, 25 ms).
 */
export async function* sseEvents(events: AsyncIterable<EncodedEvent>): AsyncGenerator<string> {
  let inputTokens = 0;
  let samples = 0;
  for await (const event of events) {
    if (event.type === "text") continue;
    if (event.type === "call") {
      // Input counted as the calls' phoneme ids: a long text's later calls are planned while the first runs.
      inputTokens += event.call.chunk.ids.length;
      samples += event.call.samples.length;
      const turn = event.turn === undefined ? {} : { turn: event.turn }; // a dialogue's turn index
      yield sse({ type: "speech.audio.words", words: event.words, estimated: event.estimated, ...turn });
    } else yield sse({ type: "speech.audio.delta", audio: event.bytes.toString("base64") });
  }
  const outputTokens = Math.round(samples / SAMPLES_PER_FRAME);
  yield sse({ type: "speech.audio.done", usage: { input_tokens: inputTokens, output_tokens: outputTokens, total_tokens: inputTokens + outputTokens } });
}
