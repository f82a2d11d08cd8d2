import { performance } from "node:perf_hooks";
import { AdaptivePreRoll, type PreRollOptions } from "./adaptive-preroll.js";
import { BYTES_PER_SAMPLE, samplesOf, secondsOf } from "./defaults.js";
import type { DaemonEvent, PlayerState, QueueItem } from "./protocol.js";
import type { Sink } from "./sinks/sink.js";
import type { CompletionReason, Utterance } from "./utterance.js";
import { Wakeup } from "./wakeup.js";

export interface PlayerOptions {
  readonly preRoll?: PreRollOptions;
  /** A real-time sink holding less than this, with nothing to give it, is an underrun (default 20 ms). */
  readonly lowWaterMs?: number;
  /** A gap in the sequence numbers older than this is given up on while later frames wait (default 1 s). */
  readonly gapTimeoutMs?: number;
  /** How often `progress` is reported while playing (default 250 ms). */
  readonly progressMs?: number;
  /** A stream that sends nothing (no audio, no end) for this long fails, so it cannot hold the queue (default 90 s). */
  readonly stallTimeoutMs?: number;
}

/** The smallest write while more audio is coming (10 ms): no busy loop of tiny writes. */
const MIN_WRITE = samplesOf(10);
/** The largest single write to the sink. */
const MAX_WRITE = samplesOf(200);
/** The loop looks again at least this often (stale gaps, a missed wake-up). */
const MAX_SLEEP_MS = 250;

/** Wall-clock milliseconds (Unix epoch, fractional), comparable across processes on this machine. */
export const epochMs = (): number => performance.timeOrigin + performance.now();

/**
 * Owns the sink and plays a queue of utterances, one at a time, in one async loop. Each utterance's
 * audio waits in its jitter buffer until the pre-roll is there (or the stream has ended), then goes to
 * the sink as fast as the sink takes it. A real-time sink about to run dry mid-utterance gets silence
 * (an underrun, counted, and the pre-roll grows) until the pre-roll has built up again. Every utterance
 * ends with exactly one `completed`: ended, stopped, skipped or error.
 */
export class Player {
  private readonly queue: Utterance[] = [];
  private readonly wake = new Wakeup();
  private readonly preRoll: AdaptivePreRoll;
  private readonly lowWater: number;
  private readonly gapTimeoutMs: number;
  private readonly stallTimeoutMs: number;
  private readonly progressTimer: NodeJS.Timeout;
  private readonly loop: Promise<void>;
  private paused = false;
  private closed = false;
  private lastState: PlayerState = "idle";

  constructor(
    readonly sink: Sink,
    private readonly emit: (event: DaemonEvent) => void,
    opts: PlayerOptions = {},
  ) {
    this.preRoll = new AdaptivePreRoll(opts.preRoll);
    this.lowWater = samplesOf(opts.lowWaterMs ?? 20);
    this.gapTimeoutMs = opts.gapTimeoutMs ?? 1000;
    this.stallTimeoutMs = opts.stallTimeoutMs ?? 90_000;
    this.progressTimer = setInterval(() => this.reportProgress(), opts.progressMs ?? 250).unref();
    this.loop = this.run();
  }

  /** Queues an utterance; "replace" first stops everything queued or playing (and ends a pause). */
  add(u: Utterance, mode: "replace" | "queue" = "replace"): void {
    if (this.closed) throw new Error("the player is closed");
    if (mode === "replace") this.cancelAll("stopped");
    this.queue.push(u);
    this.wake.notify();
    this.updateState();
  }

  /** New audio (or the end of it) arrived for a queued utterance. */
  fed(): void {
    this.wake.notify();
  }

  /** The stream of `u` failed: say so now; what already arrived still plays. */
  fail(u: Utterance, message: string): void {
    if (u.done) return;
    this.emit({ type: "error", id: u.id, message });
    u.error ??= message;
    u.buffer.end();
    this.wake.notify();
  }

  get state(): PlayerState {
    if (!this.queue.some((u) => !u.cancelled)) return "idle";
    return this.paused ? "paused" : "playing";
  }

  pause(): PlayerState {
    if (this.state === "playing") {
      this.paused = true;
      this.sink.pause();
      this.updateState();
    }
    return this.state;
  }

  resume(): PlayerState {
    if (this.paused) {
      this.paused = false;
      this.sink.resume();
      this.wake.notify();
      this.updateState();
    }
    return this.state;
  }

  /** Stops one utterance (by id) or everything; resolves once their `completed` events are out. */
  async stop(id?: string): Promise<PlayerState> {
    const hit = id === undefined ? this.cancelAll("stopped") : this.cancel((u) => u.id === id, "stopped");
    await Promise.all(hit.map((u) => u.completed));
    return this.state;
  }

  /** Ends the current utterance; the next one (if any) plays. */
  async skip(): Promise<PlayerState> {
    const head = this.queue.find((u) => !u.cancelled);
    if (head) {
      this.cancel((u) => u === head, "skipped");
      await head.completed;
    }
    return this.state;
  }

  items(): QueueItem[] {
    return this.queue
      .filter((u) => !u.cancelled)
      .map((u) => ({
        id: u.id,
        state: u.state === "playing" && this.paused ? "paused" : u.state,
        ...(u.text !== undefined ? { text: u.text } : {}),
        playedSeconds: round3(secondsOf(this.playedSamples(u))),
      }));
  }

  /** Utterances the player still holds (0 when idle: nothing leaks). */
  get size(): number {
    return this.queue.length;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.cancelAll("stopped");
    this.closed = true;
    this.wake.notify();
    await this.loop;
    clearInterval(this.progressTimer);
    await this.sink.close();
  }

  private cancelAll(reason: "stopped" | "skipped"): Utterance[] {
    const hit = this.cancel(() => true, reason);
    if (this.paused) {
      this.paused = false;
      this.sink.resume();
    }
    return hit;
  }

  /** Marks matching utterances cancelled; those not yet playing complete at once, the head at the loop's next step. */
  private cancel(match: (u: Utterance) => boolean, reason: "stopped" | "skipped"): Utterance[] {
    const hit = this.queue.filter((u) => !u.cancelled && match(u));
    for (const u of hit) {
      u.cancelled = reason;
      u.abort.abort();
      if (u !== this.queue[0]) {
        this.queue.splice(this.queue.indexOf(u), 1);
        this.complete(u, reason);
      }
    }
    this.wake.notify();
    this.updateState();
    return hit;
  }

  private async run(): Promise<void> {
    while (!this.closed || this.queue.length > 0) {
      const u = this.queue[0];
      if (!u) {
        await this.wake.wait();
        continue;
      }
      let reason: CompletionReason;
      try {
        reason = await this.play(u);
      } catch (err) {
        this.emit({ type: "error", id: u.id, message: err instanceof Error ? err.message : String(err) });
        await this.sink.discard().catch(() => {});
        reason = "error";
      }
      this.queue.shift();
      await this.sink.flush().catch((err: unknown) => this.emit({ type: "error", id: u.id, message: `sink: ${String(err)}` }));
      this.complete(u, reason);
    }
  }

  /** Plays `u` to its end (or its cancellation); returns why it finished. */
  private async play(u: Utterance): Promise<CompletionReason> {
    const sink = this.sink;
    u.state = "buffering";
    let rebuffering = true;
    for (;;) {
      if (u.cancelled) {
        if (u.started) await sink.discard();
        return u.cancelled;
      }
      if (this.paused) {
        await this.wake.wait();
        continue;
      }
      const now = performance.now();
      u.buffer.skipStaleGap(now, this.gapTimeoutMs);
      if (!u.buffer.isEnded && now - u.buffer.lastInputAt > this.stallTimeoutMs) {
        this.fail(u, `no audio for ${this.stallTimeoutMs / 1000} s: giving up on this stream`);
      }
      const available = u.buffer.available;
      if (rebuffering && (available >= this.preRoll.samples || u.buffer.isEnded)) rebuffering = false;

      if (!rebuffering && available > 0) {
        const need = Math.min(available, MIN_WRITE);
        if (sink.room() < need) {
          await this.wake.wait(Math.min(MAX_SLEEP_MS, sink.msUntilRoom(need)));
          continue;
        }
        const pcm = u.buffer.take(Math.min(available, sink.room(), MAX_WRITE));
        if (!u.started) this.markStarted(u);
        await sink.write(pcm);
        const samples = pcm.length / BYTES_PER_SAMPLE;
        u.audioWritten += samples;
        this.preRoll.played(samples);
        continue;
      }

      if (u.buffer.drained) {
        // Everything is written; a real-time sink finishes playing it before the next utterance starts.
        if (!sink.realtime || sink.ahead() === 0) return u.error ? "error" : "ended";
        await this.wake.wait(Math.min(MAX_SLEEP_MS, sink.msUntilAhead(0)));
        continue;
      }

      // Waiting for audio. Mid-utterance, a real-time sink about to run dry is an underrun: fill with silence.
      if (u.started && sink.realtime && sink.ahead() <= this.lowWater) {
        if (!rebuffering) {
          rebuffering = true;
          u.underruns++;
          this.preRoll.underrun();
          this.emit({ type: "underrun", id: u.id, count: u.underruns });
        }
        const n = Math.max(MIN_WRITE, Math.min(sink.room(), this.lowWater * 2));
        await sink.write(Buffer.alloc(n * BYTES_PER_SAMPLE));
        u.silenceWritten += n;
        continue;
      }
      const untilLow = u.started && sink.realtime ? sink.msUntilAhead(this.lowWater) : MAX_SLEEP_MS;
      await this.wake.wait(Math.min(MAX_SLEEP_MS, untilLow));
    }
  }

  private markStarted(u: Utterance): void {
    u.started = true;
    u.state = "playing";
    u.sinkStart = this.sink.played() + this.sink.ahead();
    this.emit({ type: "started", id: u.id, atMs: round3(epochMs()) });
  }

  private complete(u: Utterance, reason: CompletionReason): void {
    if (u.done) return;
    const seconds = round3(secondsOf(this.playedSamples(u)));
    u.markDone();
    this.emit({ type: "completed", id: u.id, reason, seconds, underruns: u.underruns });
    if (this.paused && !this.queue.some((q) => !q.cancelled)) {
      this.paused = false;
      this.sink.resume();
    }
    this.updateState();
  }

  /** Audio of `u` played so far: what the sink has played since its first sample, less the silence fills. */
  private playedSamples(u: Utterance): number {
    if (!u.started) return 0;
    const sinceStart = this.sink.played() - u.sinkStart - u.silenceWritten;
    return Math.max(0, Math.min(u.audioWritten, sinceStart));
  }

  private reportProgress(): void {
    const u = this.queue[0];
    if (!u || !u.started || u.cancelled || u.done || this.paused) return;
    this.emit({ type: "progress", id: u.id, seconds: round3(secondsOf(this.playedSamples(u))) });
  }

  private updateState(): void {
    const state = this.state;
    if (state === this.lastState) return;
    this.lastState = state;
    this.emit({ type: "state", state });
  }
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;
