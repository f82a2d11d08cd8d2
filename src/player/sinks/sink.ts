/**
 * Where the daemon's PCM (s16le, 24 kHz, mono) goes. A real-time sink plays at the audio clock and takes
 * only a little ahead of what it has played (`room`), which is the daemon's backpressure and keeps pause
 * and stop immediate; a sink that is not real time (a file) takes audio as fast as it comes.
 */
export interface Sink {
  /** What /health reports: "null", "file:/path", "ffplay", ... */
  readonly name: string;
  readonly realtime: boolean;
  /** Samples it accepts now without running further ahead of playback than it wants. */
  room(): number;
  /** Samples written but not yet played (always 0 when not real time). */
  ahead(): number;
  /** Samples played so far, over the sink's whole life. */
  played(): number;
  /** Milliseconds until `ahead()` falls to `samples` by itself (0 when it already has; Infinity while paused). */
  msUntilAhead(samples: number): number;
  /** Milliseconds until `room()` reaches `samples` by itself (0 when it already has; Infinity while paused). */
  msUntilRoom(samples: number): number;
  /** Whole samples; resolves when accepted. Rejects when the sink has failed (a player process died). */
  write(pcm: Buffer): Promise<void>;
  /** Really stops: the clock, and for a player process the process itself. */
  pause(): void;
  resume(): void;
  /** Drops what was written but not yet played (stop, skip). */
  discard(): Promise<void>;
  /** An utterance has finished: a file sink makes its file complete and readable. */
  flush(): Promise<void>;
  close(): Promise<void>;
}
