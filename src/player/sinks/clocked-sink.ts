import type { RealtimeClock } from "./realtime-clock.js";

/**
 * What every real-time sink answers from its clock: how much it may still take (`lead` samples ahead of the
 * playback position at most), how far ahead it is, what has played, and when there will be room.
 */
export abstract class ClockedSink {
  protected constructor(
    protected readonly clock: RealtimeClock,
    protected readonly lead: number,
  ) {}

  room(): number {
    return Math.max(0, this.lead - this.clock.ahead());
  }
  ahead(): number {
    return this.clock.ahead();
  }
  played(): number {
    return this.clock.played();
  }
  msUntilAhead(samples: number): number {
    return this.clock.msUntilAhead(samples);
  }
  msUntilRoom(samples: number): number {
    return this.clock.msUntilAhead(this.lead - samples);
  }
}
