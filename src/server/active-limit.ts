/** A counter of requests being served; beyond `max` new ones are refused (429) instead of queueing without bound. */
export class ActiveLimit {
  private active = 0;

  constructor(readonly max: number) {}

  get count(): number {
    return this.active;
  }

  /** A release function for the slot taken, or null when all slots are in use. Releasing twice is harmless. */
  acquire(): (() => void) | null {
    if (this.active >= this.max) return null;
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
    };
  }
}
