import { randomUUID } from "node:crypto";
import { SAMPLE_RATE } from "../model/contract.js";
import type { DaemonSocket } from "./daemon-socket.js";
import { BYTES_PER_SAMPLE, secondsOf } from "./defaults.js";
import { epochMs } from "./player.js";
import type { DaemonEvent } from "./protocol.js";

export type Completed = Extract<DaemonEvent, { type: "completed" }>;

export interface StreamOutcome {
  readonly id: string;
  /** Daemon clock (epoch ms) when the first sample went to the sink; undefined when nothing played. */
  readonly startedAtMs: number | undefined;
  /** Epoch ms when the last byte of audio was sent to the daemon. */
  readonly lastByteAtMs: number;
  readonly audioSeconds: number;
  /** Undefined when not waiting for the end of playback. */
  readonly completed: Completed | undefined;
  /** The daemon's `error` events for this utterance, and a failure of the audio source itself. */
  readonly errors: readonly string[];
}

export interface PlayStreamOptions {
  readonly id?: string;
  readonly mode?: "replace" | "queue";
  /** Wait for `completed` (default true); otherwise resolve once the daemon has all the audio. */
  readonly wait?: boolean;
}

/**
 * Plays an audio stream (s16le 24 kHz mono chunks) through the daemon: a streaming `play`, each chunk as a
 * numbered frame, `end`; then, unless told not to, waits for the utterance's `completed`.
 */
export async function playStream(socket: DaemonSocket, audio: AsyncIterable<Buffer>, opts: PlayStreamOptions = {}): Promise<StreamOutcome> {
  const id = opts.id ?? randomUUID();
  let startedAtMs: number | undefined;
  const errors: string[] = [];
  let unsubscribe: () => void = () => {};
  const completed = new Promise<Completed>((resolve, reject) => {
    unsubscribe = socket.onEvent((event) => {
      if (!("id" in event) || event.id !== id) return;
      if (event.type === "started") startedAtMs = event.atMs;
      if (event.type === "error") errors.push(event.message);
      if (event.type === "completed") resolve(event);
    });
    socket.closed.then(() => reject(new Error("the daemon closed the connection")), () => {});
  });
  completed.catch(() => {}); // awaited below when waiting
  try {
    socket.send({ type: "play", id, format: "pcm", sampleRate: SAMPLE_RATE, ...(opts.mode ? { mode: opts.mode } : {}) });
    let seq = 0;
    let bytes = 0;
    try {
      for await (const chunk of audio) {
        await socket.sendFrame(seq++, chunk);
        bytes += chunk.length;
      }
    } catch (err) {
      // The source failed mid-stream (the server went away): what arrived still plays, and the caller hears why.
      errors.push(err instanceof Error ? err.message : String(err));
    }
    socket.send({ type: "end", id });
    const lastByteAtMs = epochMs();
    const audioSeconds = secondsOf(Math.floor(bytes / BYTES_PER_SAMPLE));
    if (opts.wait === false) {
      await socket.flushed();
      return { id, startedAtMs, lastByteAtMs, audioSeconds, completed: undefined, errors };
    }
    const done = await completed;
    return { id, startedAtMs, lastByteAtMs, audioSeconds, completed: done, errors };
  } finally {
    unsubscribe();
  }
}
