import { performance } from "node:perf_hooks";

/**
 * How much longer `run(make(4n))` takes than `run(make(n))`: the best of `rounds` runs each, alternating, so a
 * change in machine load hits both sizes alike. A linear step gives about 4, a quadratic one 16. Runs under 2 ms
 * count as 2 ms (a timer tick outweighs the work). `n` should be past V8's young-generation threshold, where the
 * first collections no longer make the small input look cheap.
 */
export function growthRatio(make: (n: number) => string, run: (input: string) => unknown, n: number, rounds = 7): number {
  const small = make(n);
  const large = make(4 * n);
  const time = (input: string): number => {
    const t = performance.now();
    try {
      run(input);
    } catch {
      // a refused shape counts too: refusing must be linear as well
    }
    return performance.now() - t;
  };
  time(small); // warm up
  let bestSmall = Infinity;
  let bestLarge = Infinity;
  for (let i = 0; i < rounds; i++) {
    bestSmall = Math.min(bestSmall, time(small));
    bestLarge = Math.min(bestLarge, time(large));
  }
  return bestLarge / Math.max(bestSmall, 2);
}
