/**
 * The server's shutdown state, in three steps:
 *   1. `leaveRotation()` (SIGTERM): `/readyz` turns 503 so load balancers stop sending new requests, but
 *      requests that still arrive are served as usual, since a balancer needs a few seconds to notice;
 *   2. `drain()`: new work is refused (503, `Connection: close`); in-flight requests go on;
 *   3. `cancelAll()`: `signal` fires (the grace period is over), so streams still running are cancelled the
 *      same way as a client that went away (queued inference dropped, encoder torn down, connection closed).
 * Every request joins `signal`.
 */
export class Lifecycle {
  private readonly controller = new AbortController();
  private draining = false;
  private leaving = false;

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** True once the server should be taken out of a balancer's rotation (`/readyz` answers 503). */
  get isLeavingRotation(): boolean {
    return this.leaving;
  }

  /** True once new work is refused. */
  get isDraining(): boolean {
    return this.draining;
  }

  /** Tell balancers to stop routing here; keep serving whatever still arrives. */
  leaveRotation(): void {
    this.leaving = true;
  }

  /** Stop taking new work; in-flight requests go on. */
  drain(): void {
    this.leaving = true;
    this.draining = true;
  }

  /** Cancel whatever is still running. */
  cancelAll(): void {
    this.drain();
    this.controller.abort();
  }
}
