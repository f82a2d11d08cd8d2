import { growth, type Growth } from "../../text/shape-timing.js";

/**
 * How a compiler's CPU time grows from `make(n)` to `make(2n)` (and, should that jump, from 2n to 4n: the smaller
 * ratio counts), with test/text/shape-timing.ts's `growth`: CPU time of this process, warmed up, best of several
 * interleaved runs, so a loaded 2-core machine neither waits nor stalls its way into a false alarm. A linear step
 * gives about 2, a quadratic one 4. A refused input counts too: refusing must be linear as well.
 */
export function compileGrowth(make: (n: number) => string, run: (input: string) => unknown, n: number): Promise<Growth> {
  const attempt = (input: string): void => {
    try {
      run(input);
    } catch {
      // refused: timed all the same
    }
  };
  return growth(attempt, make(n), make(2 * n), { next: make(4 * n) });
}
