import { JitterBuffer } from "./jitter-buffer.js";
import type { ReorderLimits } from "./reorder-buffer.js";

export type CompletionReason = "ended" | "stopped" | "skipped" | "error";
export type UtteranceState = "queued" | "buffering" | "playing";

/** One thing to say: its audio buffer and what the player has done with it so far. */
export class Utterance {
  readonly buffer: JitterBuffer;
  /** Cancels the daemon's own request to the speech server, if it made one. */
  readonly abort = new AbortController();
  state: UtteranceState = "queued";
  /** Set by stop or skip; the player acts on it at its next step. */
  cancelled: "stopped" | "skipped" | undefined;
  /** The stream failed: what arrived still plays, then it completes with reason "error". */
  error: string | undefined;
  started = false;
  /** Sink position (samples ever written) where this utterance's first sample went. */
  sinkStart = 0;
  audioWritten = 0;
  silenceWritten = 0;
  underruns = 0;
  done = false;
  private resolveCompleted!: () => void;
  /** Resolves once `completed` has been emitted. */
  readonly completed = new Promise<void>((resolve) => (this.resolveCompleted = resolve));

  constructor(
    readonly id: string,
    readonly text?: string,
    limits?: ReorderLimits,
  ) {
    this.buffer = new JitterBuffer(limits);
  }

  markDone(): void {
    this.done = true;
    this.abort.abort();
    this.buffer.discard();
    this.resolveCompleted();
  }
}
