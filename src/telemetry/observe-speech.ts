import { CancelledError } from "../engine/errors.js";
import type { EncodedEvent } from "../pipeline/encode-speech.js";
import type { RequestTelemetry } from "./request-telemetry.js";

/**
 * Telemetry as a wrapper around a speech's event stream, so the transports call nothing themselves: text and
 * G2P time, every model call, the first audio handed to the transport after a call (the TTFA: a container
 * header written before any audio does not count), and one `end` however the stream ends — done, failed,
 * cancelled (the signal fired), or abandoned by its consumer (counted as cancelled).
 */
export async function* observeSpeech<E extends EncodedEvent>(events: AsyncIterable<E>, timing: RequestTelemetry, signal?: AbortSignal): AsyncGenerator<E> {
  let audioSeconds = 0;
  let called = false;
  let outcome: { result: "done" | "cancelled" | "failed"; error?: string } = { result: "cancelled" };
  try {
    for await (const event of events) {
      if (event.type === "text") timing.text(event.characters, event.g2pMs);
      else if (event.type === "call") {
        timing.call(event.call);
        called = true;
        audioSeconds += event.call.durationS;
      } else if (called) timing.firstAudio();
      yield event;
    }
    outcome = { result: "done" };
  } catch (err) {
    const cancelled = err instanceof CancelledError || signal?.aborted === true;
    outcome = { result: cancelled ? "cancelled" : "failed", error: err instanceof Error ? err.message : String(err) };
    throw err;
  } finally {
    timing.end({ audioSeconds, ...outcome });
  }
}
