/** Lets one async loop sleep until something changes (`notify`) or a timeout passes. */
export class Wakeup {
  private readonly waiters = new Set<() => void>();

  notify(): void {
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiting) wake();
  }

  wait(timeoutMs = Number.POSITIVE_INFINITY): Promise<void> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const wake = (): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      this.waiters.add(wake);
      if (Number.isFinite(timeoutMs)) timer = setTimeout(wake, Math.max(0, timeoutMs));
    });
  }

  get waiting(): number {
    return this.waiters.size;
  }
}
