import { BYTES_PER_SAMPLE, samplesOf } from "../defaults.js";
import { RealtimeClock } from "./realtime-clock.js";
import type { Sink } from "./sink.js";
import { ClockedSink } from "./clocked-sink.js";

export interface NullSinkOptions {
  /** How far ahead of the clock writes may run (default 100 ms). */
  readonly leadMs?: number;
  /** Keep every written byte (tests read it back from `recorded()`). */
  readonly record?: boolean;
}

/** Consumes audio in real time and plays nothing: a clock that really pauses. Tests and headless machines use it. */
export class NullSink extends ClockedSink implements Sink {
  readonly name = "null";
  readonly realtime = true;
  private readonly chunks: Buffer[] | undefined;

  constructor(opts: NullSinkOptions = {}) {
    super(new RealtimeClock(), samplesOf(opts.leadMs ?? 100));
    this.chunks = opts.record ? [] : undefined;
  }

  write(pcm: Buffer): Promise<void> {
    this.chunks?.push(pcm);
    this.clock.write(pcm.length / BYTES_PER_SAMPLE);
    return Promise.resolve();
  }
  pause(): void {
    this.clock.pause();
  }
  resume(): void {
    this.clock.resume();
  }
  discard(): Promise<void> {
    this.clock.discard();
    return Promise.resolve();
  }
  flush(): Promise<void> {
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }

  /** Everything written so far (with `record`), silence fills included. */
  recorded(): Buffer {
    return Buffer.concat(this.chunks ?? []);
  }
}
