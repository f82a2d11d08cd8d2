/**
 * The server's shutdown state. Every request joins `signal`, which fires when the grace period after
 * SIGTERM/SIGINT runs out, so streams still running then are cancelled the same way as a client that
 * went away (queued inference dropped, encoder torn down, connection closed).
 */
export class Lifecycle {
  private readonly controller = new AbortController();
  private draining = false;

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /** Stop taking new work; in-flight requests go on. */
  drain(): void {
    this.draining = true;
  }

  /** Cancel whatever is still running. */
  cancelAll(): void {
    this.draining = true;
    this.controller.abort();
  }
}
