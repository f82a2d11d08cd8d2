import { spawn, type ChildProcessByStdio } from "node:child_process";
import { Readable, type Writable } from "node:stream";
import { CONTENT_TYPES } from "./content-types.js";
import { EncoderFailedError } from "./errors.js";
import type { FfmpegFormat } from "./ffmpeg-settings.js";
import { s16leBytes } from "./s16le-encoder.js";
import type { StreamingEncoder } from "./types.js";

interface Waiter {
  resolve(): void;
  reject(err: Error): void;
}

type State = "open" | "ending" | "done" | "failed" | "aborted";

const STDERR_TAIL_CHARS = 2000;

/**
 * One ffmpeg child per stream: s16le on stdin, the container on stdout. Backpressure runs end to end:
 * a slow consumer pauses stdout, ffmpeg blocks writing it and stops reading stdin, and write() waits
 * for stdin to drain. Any unexpected exit fails the stream: write()/end() reject and `output` errors.
 */
export class FfmpegEncoder implements StreamingEncoder {
  readonly contentType: string;
  readonly output: Readable;
  readonly closed: Promise<void>;
  /** The child's pid (undefined if it could not be started). */
  readonly pid: number | undefined;
  private readonly child: ChildProcessByStdio<Writable, Readable, Readable>;
  private state: State = "open";
  private error: Error | null = null;
  private drainWaiters: Waiter[] = [];
  private endWaiter: Waiter | null = null;
  private endPromise: Promise<void> | null = null;
  private stderrTail = "";

  constructor(
    readonly format: FfmpegFormat,
    ffmpegPath: string,
    args: readonly string[],
  ) {
    this.contentType = CONTENT_TYPES[format];
    const child = spawn(ffmpegPath, args, { stdio: ["pipe", "pipe", "pipe"] });
    this.child = child;
    this.pid = child.pid;
    this.closed = new Promise((resolve) => {
      child.once("close", () => resolve());
      child.once("error", () => {
        if (child.pid === undefined) resolve(); // never started: no 'close' to wait for
      });
    });

    this.output = new Readable({ read: () => child.stdout.resume() });
    // Failures already reach the writer through write()/end(); this listener only keeps an
    // unread failed stream from crashing the process. Real consumers attach their own.
    this.output.on("error", () => {});
    this.output.on("close", () => {
      if (this.state === "open" || this.state === "ending") this.abort(); // consumer went away
    });

    child.stdout.on("data", (bytes: Buffer) => {
      if (!this.output.push(bytes)) child.stdout.pause();
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text: string) => {
      this.stderrTail = (this.stderrTail + text).slice(-STDERR_TAIL_CHARS);
    });
    child.stdin.on("error", () => {}); // EPIPE once ffmpeg has died; 'exit' says why
    child.stdin.on("drain", () => this.settleDrain(null));
    child.on("error", (err) => this.fail(`could not run ffmpeg: ${err.message}`));
    // Failures are reported on 'exit' (which does not wait for unread stdout); success on 'close',
    // once stdout has been read to its end and every byte is in `output`.
    child.on("exit", (code, signal) => {
      if (signal !== null) this.fail(`ffmpeg was killed by ${signal}`);
      else if (code !== 0) this.fail(`ffmpeg exited with code ${code}`);
      else if (this.state === "open") this.fail("ffmpeg exited before end()");
    });
    child.on("close", () => {
      if (this.state !== "ending") return;
      this.state = "done";
      this.output.push(null);
      this.endWaiter?.resolve();
      this.endWaiter = null;
    });
  }

  async write(samples: Float32Array): Promise<void> {
    if (this.state === "failed") throw this.error;
    if (this.state === "aborted") return;
    if (this.state !== "open") throw new Error("write() after end()");
    if (samples.length === 0) return;
    if (this.child.stdin.write(s16leBytes(samples))) return;
    await new Promise<void>((resolve, reject) => this.drainWaiters.push({ resolve, reject }));
  }

  end(): Promise<void> {
    if (this.state === "failed") return Promise.reject(this.error);
    if (this.state === "aborted" || this.state === "done") return Promise.resolve();
    if (!this.endPromise) {
      this.state = "ending";
      this.endPromise = new Promise((resolve, reject) => (this.endWaiter = { resolve, reject }));
      this.child.stdin.end();
    }
    return this.endPromise;
  }

  abort(): void {
    if (this.state === "aborted" || this.state === "failed") return;
    this.state = "aborted";
    this.release();
    this.output.destroy();
    this.settleDrain(null);
    this.endWaiter?.resolve();
    this.endWaiter = null;
  }

  private fail(why: string): void {
    if (this.state === "done" || this.state === "failed" || this.state === "aborted") return;
    this.state = "failed";
    const stderr = this.stderrTail.trim();
    this.error = new EncoderFailedError(this.format, stderr ? `${why}: ${stderr}` : why);
    this.release();
    this.output.destroy(this.error);
    this.settleDrain(this.error);
    this.endWaiter?.reject(this.error);
    this.endWaiter = null;
  }

  /** Still a fresh, running ffmpeg that nothing has been written to (a usable spare). */
  get isFresh(): boolean {
    return this.state === "open" && this.child.exitCode === null && this.child.signalCode === null && this.child.stdin.writable;
  }

  /**
   * Whether the child and its pipes keep Node's event loop alive. A spare waiting in the pool must not
   * keep a process from exiting; an encoder in use must.
   */
  setKeepAlive(on: boolean): void {
    const handles = [this.child, this.child.stdin, this.child.stdout, this.child.stderr] as unknown as { ref?(): void; unref?(): void }[];
    for (const h of handles) {
      if (on) h.ref?.();
      else h.unref?.();
    }
  }

  /** Kill the child if it still runs and drop its pipes, so it exits and 'close' fires even with stdout unread. */
  private release(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
    this.child.stdin.destroy();
    this.child.stdout.destroy();
  }

  private settleDrain(err: Error | null): void {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const w of waiters) {
      if (err) w.reject(err);
      else w.resolve();
    }
  }
}
