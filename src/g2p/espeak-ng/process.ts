// One long-lived `espeak-ng -q --ipa` child per espeak voice: text goes in one line at a time on stdin, IPA comes
// back on stdout, and a fixed sentinel line after each input tells where its output ends (espeak prints one line
// per clause, so the count of output lines is not known in advance). Requests are served one after another;
// a request that takes too long kills the child, and the next request starts a new one.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { TIE } from "./ipa-to-kokoro.js";

/** espeak-ng reads stdin lines into a 1,000-byte buffer; longer lines would be cut in two mid-word. */
export const MAX_LINE_BYTES = 900;

/** A nonsense word espeak spells out; its reading marks the end of each input's output. Removed from inputs. */
const SENTINEL = "qxzqxzq";
const SENTINEL_IN_TEXT = /qxzqxzq/giu;

export interface EspeakNgProcessOptions {
  /** Path of the espeak-ng executable. */
  readonly binary: string;
  /** espeak-ng voice (`es`, `fr-fr`, `hi`, `it`, `pt-br`). */
  readonly voice: string;
  /** Most ms one request may take before the child is killed. Default 10,000. */
  readonly timeoutMs?: number;
}

/** How long close() waits for a killed child's exit. */
const CLOSE_WAIT_MS = 2000;

/** Resolves once `child` has exited (Node reports "exit" after reaping it), or after CLOSE_WAIT_MS. */
function exitOf(child: ChildProcessWithoutNullStreams): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, CLOSE_WAIT_MS);
    timer.unref();
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** espeak-ng could not be started or died: what it said on stderr is in the message. */
export class EspeakNgFailedError extends Error {
  override readonly name = "EspeakNgFailedError";
}

interface Reader {
  /** Takes one output line; true once the request has all it waited for. */
  onLine(line: string): boolean;
  fail(error: Error): void;
}

export class EspeakNgProcess {
  private child: ChildProcessWithoutNullStreams | null = null;
  private sentinelIpa: string | null = null;
  private starting: Promise<void> | null = null;
  private reader: Reader | null = null;
  private partial = "";
  private stderr = "";
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** Children started so far (a crash or a timeout makes the next request start another). */
  starts = 0;

  /** The running child's process id (null when none runs): for tests and diagnostics. */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  constructor(private readonly options: EspeakNgProcessOptions) {}

  /**
   * The IPA lines espeak-ng prints for each input line (one inner array per input). Lines must not hold a line
   * break and must fit MAX_LINE_BYTES (the caller cuts them at word boundaries).
   */
  phonemize(lines: readonly string[]): Promise<string[][]> {
    for (const line of lines) {
      if (/[\r\n]/u.test(line)) throw new Error("espeak-ng input lines must not contain line breaks");
      if (Buffer.byteLength(line) > MAX_LINE_BYTES) throw new Error(`espeak-ng input line over ${MAX_LINE_BYTES} bytes`);
    }
    const run = this.queue.then(() => this.run(lines.map((l) => l.replace(SENTINEL_IN_TEXT, " "))));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Starts the child (loading the voice and its dictionary) ahead of the first request. */
  async warmUp(): Promise<void> {
    await this.phonemize(["a"]);
  }

  /**
   * Kills the child and waits (at most CLOSE_WAIT_MS) until it has been reaped. Only the event loop that spawned a
   * child reaps it: a front-end worker thread that ended right after a bare kill would leave a zombie behind.
   */
  async close(): Promise<void> {
    this.closed = true;
    const child = this.child;
    const reaped = child === null || child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : exitOf(child);
    this.kill(new EspeakNgFailedError("espeak-ng was closed"));
    await reaped;
  }

  private async run(lines: readonly string[]): Promise<string[][]> {
    if (this.closed) throw new EspeakNgFailedError("espeak-ng was closed");
    await this.start();
    const child = this.child;
    const sentinel = this.sentinelIpa;
    if (child === null || sentinel === null) throw new EspeakNgFailedError("espeak-ng is not running");
    const out: string[][] = lines.map(() => []);
    let index = 0;
    const done = this.read((line) => {
      if (line === sentinel) return ++index === lines.length;
      out[index]!.push(line);
      return false;
    });
    if (lines.length === 0) return out;
    child.stdin.write(lines.map((l) => `${l}\n${SENTINEL}\n`).join(""));
    await done;
    return out;
  }

  private start(): Promise<void> {
    if (this.child !== null && this.sentinelIpa !== null) return Promise.resolve();
    this.starting ??= this.spawnChild().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  private async spawnChild(): Promise<void> {
    const child = spawn(this.options.binary, ["-q", "--ipa", `--tie=${TIE}`, "-v", this.options.voice], { stdio: ["pipe", "pipe", "pipe"] });
    this.starts++;
    this.child = child;
    this.partial = "";
    this.stderr = "";
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => this.onData(child, chunk));
    child.stderr.on("data", (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-2000);
    });
    child.stdin.on("error", () => undefined); // a dead child's EPIPE: reported by "exit"
    child.on("error", (err) => this.onGone(child, `espeak-ng could not start: ${err.message}`));
    child.on("exit", (code, signal) => this.onGone(child, `espeak-ng exited (${signal ?? `code ${code}`})${this.stderr.trim() === "" ? "" : `: ${this.stderr.trim()}`}`));
    // The sentinel's own reading, in this voice: the first line the child prints.
    let first: string | null = null;
    const ready = this.read((line) => {
      first = line;
      return true;
    });
    child.stdin.write(`${SENTINEL}\n`);
    await ready;
    if (first === null || first === "") throw new EspeakNgFailedError(`espeak-ng printed nothing for voice ${this.options.voice}`);
    this.sentinelIpa = first;
  }

  /** Waits for output lines until `onLine` says the request is complete, or the timeout kills the child. */
  private read(onLine: (line: string) => boolean): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timeoutMs = this.options.timeoutMs ?? 10_000;
      const timer = setTimeout(() => this.kill(new EspeakNgFailedError(`espeak-ng gave no answer within ${timeoutMs} ms`)), timeoutMs);
      this.reader = {
        onLine: (line) => {
          if (!onLine(line)) return false;
          clearTimeout(timer);
          this.reader = null;
          resolve();
          return true;
        },
        fail: (error) => {
          clearTimeout(timer);
          this.reader = null;
          reject(error);
        },
      };
      this.drain();
    });
  }

  private lines: string[] = [];

  private onData(child: ChildProcessWithoutNullStreams, chunk: string): void {
    if (child !== this.child) return;
    const parts = (this.partial + chunk).split("\n");
    this.partial = parts.pop() ?? "";
    this.lines.push(...parts);
    this.drain();
  }

  private drain(): void {
    while (this.lines.length > 0) {
      const reader = this.reader;
      if (reader === null) {
        // Output nobody waits for: the child is out of step with us (an input read as the sentinel). Start afresh.
        this.kill(new EspeakNgFailedError("espeak-ng output out of step"));
        return;
      }
      reader.onLine(this.lines.shift()!.trim());
    }
  }

  private onGone(child: ChildProcessWithoutNullStreams, reason: string): void {
    if (child !== this.child) return;
    this.child = null;
    this.sentinelIpa = null;
    this.lines = [];
    this.reader?.fail(new EspeakNgFailedError(reason));
  }

  private kill(error: Error): void {
    const child = this.child;
    this.child = null;
    this.sentinelIpa = null;
    this.lines = [];
    this.reader?.fail(error);
    child?.kill("SIGKILL");
  }
}
