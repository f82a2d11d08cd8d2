// How much the daemon holds for its clients, so no client (or flood) can make it grow without bound.
import { HttpError } from "./http-error.js";
import type { QueueItem } from "./protocol.js";
import { DEFAULT_MAX_WAITING_BYTES } from "./reorder-buffer.js";

export interface QueueLimits {
  /** Utterances queued or playing (default 200). */
  readonly maxItems: number;
  /** Bytes (UTF-8) of text of the utterances queued or playing (default 1 MiB). */
  readonly maxTextBytes: number;
  /** Bytes of one stream's audio frames that may wait behind a gap in its sequence numbers (default 8 MiB). */
  readonly maxGapBytes: number;
}

export const DEFAULT_QUEUE_LIMITS: QueueLimits = { maxItems: 200, maxTextBytes: 1 << 20, maxGapBytes: DEFAULT_MAX_WAITING_BYTES };

/**
 * Throws when a new utterance (with `text`, if the daemon fetches it) may not join `items`: 413 for a text larger
 * than the whole queue may hold, 429 when the queue is full. "replace" empties the queue first, so only its own
 * size counts.
 */
export function checkAdmission(items: readonly QueueItem[], text: string | undefined, mode: "replace" | "queue", limits: QueueLimits): void {
  const bytes = text === undefined ? 0 : Buffer.byteLength(text);
  if (bytes > limits.maxTextBytes) throw new HttpError(413, `the text is ${bytes} bytes; the daemon's queue holds at most ${limits.maxTextBytes}`);
  if (mode === "replace") return;
  if (items.length >= limits.maxItems) throw new HttpError(429, `the queue is full (${limits.maxItems} utterances): wait, skip or stop`);
  const queuedBytes = items.reduce((sum, item) => sum + (item.text === undefined ? 0 : Buffer.byteLength(item.text)), 0);
  if (queuedBytes + bytes > limits.maxTextBytes) {
    throw new HttpError(429, `the queue is full (${queuedBytes} bytes of text queued, at most ${limits.maxTextBytes}): wait, skip or stop`);
  }
}
