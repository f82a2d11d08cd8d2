import { spawn, type ChildProcessByStdio } from "node:child_process";
import { once } from "node:events";
import type { Readable, Writable } from "node:stream";
import { BYTES_PER_SAMPLE, samplesOf } from "../defaults.js";
import { EARLY_PLAYBACK_MS, NoAudioOutputError } from "./no-output.js";
import type { PlayerCommand } from "./players.js";
import { RealtimeClock } from "./realtime-clock.js";
import type { Sink } from "./sink.js";
import { ClockedSink } from "./clocked-sink.js";

type Player = ChildProcessByStdio<Writable, null, Readable>;

export interface ProcessSinkOptions {
  /** How far ahead of the modelled playback position writes may run (default 150 ms). */
  readonly leadMs?: number;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Plays through a player process (ffplay, sox `play`, aplay, paplay) fed on stdin. The process is started
 * ahead of need and primed with a few milliseconds of silence so it has opened the audio device before the
 * first utterance. Only `leadMs` is ever written ahead of the modelled playback position, so the player's
 * own buffer stays small. Pause stops feeding and freezes the process (SIGSTOP, then SIGCONT on resume);
 * stop kills it, dropping what it held, and starts a fresh one at once.
 */
export class ProcessSink extends ClockedSink implements Sink {
  readonly realtime = true;
  readonly name: string;
  private child: Player | undefined;
  private failure: Error | undefined;
  private stderrTail = "";
  /** The clock's position when the current player process started. */
  private playedAtStart = 0;
  private paused = false;
  private closed = false;

  constructor(
    private readonly player: PlayerCommand,
    private readonly opts: ProcessSinkOptions = {},
  ) {
    super(new RealtimeClock(player.latencyMs), samplesOf(opts.leadMs ?? 150));
    this.name = player.name;
    this.start();
  }


  async write(pcm: Buffer): Promise<void> {
    if (this.failure) {
      const err = this.failure;
      this.failure = undefined;
      throw err;
    }
    const child = this.child ?? this.start();
    this.clock.write(pcm.length / BYTES_PER_SAMPLE);
    // A player dying mid-write is reported by 'exit' (and the next write), not as EPIPE here.
    if (!child.stdin.write(pcm)) await Promise.race([once(child.stdin, "drain"), once(child, "exit")]).catch(() => {});
  }

  pause(): void {
    this.paused = true;
    this.clock.pause();
    this.signal("SIGSTOP");
  }

  resume(): void {
    this.paused = false;
    this.signal("SIGCONT");
    this.clock.resume();
  }

  async discard(): Promise<void> {
    const old = this.child;
    this.child = undefined;
    this.clock.discard();
    if (old) await this.kill(old);
    if (!this.closed) this.start();
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  /** Lets the player finish what it holds (up to `graceMs`), then kills it. */
  async close(graceMs = 1000): Promise<void> {
    this.closed = true;
    const old = this.child;
    this.child = undefined;
    if (!old || old.exitCode !== null || old.signalCode !== null) return;
    if (this.paused) old.kill("SIGCONT");
    const exited = once(old, "exit");
    old.stdin.end();
    const timer = setTimeout(() => old.kill("SIGKILL"), graceMs);
    await exited;
    clearTimeout(timer);
  }

  private start(): Player {
    const child = spawn(this.player.command, [...this.player.args], { stdio: ["pipe", "ignore", "pipe"], env: this.opts.env ?? process.env });
    this.child = child;
    this.stderrTail = "";
    this.playedAtStart = this.clock.played();
    child.stderr.on("data", (d: Buffer) => (this.stderrTail = (this.stderrTail + d.toString()).slice(-2000)));
    child.stdin.on("error", () => {}); // EPIPE when the player dies; reported through 'exit'
    child.on("error", (err) => this.failed(child, `${this.player.command} could not start: ${err.message}`));
    child.on("exit", (code, signal) => this.failed(child, `${this.player.name} exited (${signal ?? `code ${code}`})${this.stderr()}`));
    if (this.paused) this.signal("SIGSTOP");
    // A little silence makes the player probe its input and open the audio device now, not on the first word.
    child.stdin.write(Buffer.alloc(samplesOf(20) * BYTES_PER_SAMPLE));
    return child;
  }

  private failed(child: Player, message: string): void {
    if (child !== this.child) return; // one we killed on purpose
    this.child = undefined;
    // Dead before it played anything to speak of: it never had a working audio device (or was never there).
    const early = this.clock.played() - this.playedAtStart < samplesOf(EARLY_PLAYBACK_MS);
    this.failure = early ? new NoAudioOutputError(message) : new Error(message);
    this.clock.discard();
  }

  private stderr(): string {
    const lines = this.stderrTail.trim().split("\n").slice(-3).join(" / ");
    return lines ? `: ${lines}` : "";
  }

  private signal(sig: NodeJS.Signals): void {
    if (process.platform === "win32" || !this.child || this.child.exitCode !== null) return;
    this.child.kill(sig);
  }

  private async kill(child: Player): Promise<void> {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGKILL"); // works on a stopped process too
    await exited;
  }
}
