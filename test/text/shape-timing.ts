// How a step's running time grows when its input doubles. The machine is shared and noisy, so no
// absolute limit is asserted: time is this process's CPU time (time spent waiting for a busy core
// does not count), each size is warmed up, timed several times (interleaved, keeping the fastest
// run), and times under a floor count as the floor, so a 1 ms step that takes 3 ms once is no alarm.
// A linear step gives a ratio near 2; a quadratic one near 4, a cubic one near 8.

export interface Growth {
  /** Fastest run at size n and at size 2n, in ms. */
  readonly small: number;
  readonly large: number;
  /** max(large, floor) / max(small, floor). */
  readonly ratio: number;
}

export interface GrowthOptions<T = unknown> {
  /** Timed runs per size in the first attempt (after two warm-up runs each). Default 4. */
  readonly runs?: number;
  /** Times below this many ms count as this many. Default 5. */
  readonly floorMs?: number;
  /** Longer attempts (up to three in all) follow while the ratio exceeds this (a GC pause, a busy neighbour). */
  readonly retryAbove?: number;
  /**
   * The input at size 4n. When n → 2n still grows by more than `retryAbove`, 2n → 4n is measured too and the
   * smaller ratio counts: a step that is really super-linear grows too fast at every doubling, whereas V8 gives
   * one-off jumps where a size crosses a threshold of its own (strings and arrays past ~128 KiB live in the
   * large-object space, a young generation that no longer fits), and these fall between one pair of sizes.
   */
  readonly next?: T;
}

/** CPU time of `run` in ms (user and system, all of this process's threads). */
async function timed(run: () => unknown): Promise<number> {
  const start = process.cpuUsage();
  await run();
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

/** Times `run(small)` against `run(large)`, where `large` is twice the size of `small`. */
export async function growth<T>(run: (input: T) => unknown, small: T, large: T, options: GrowthOptions<T> = {}): Promise<Growth> {
  const { runs = 4, floorMs = 5, retryAbove = 3 } = options;
  const first = await pairGrowth(run, small, large, runs, floorMs, retryAbove);
  if (first.ratio <= retryAbove || options.next === undefined) return first;
  const second = await pairGrowth(run, large, options.next, runs, floorMs, retryAbove);
  return second.ratio < first.ratio ? second : first;
}

async function pairGrowth<T>(run: (input: T) => unknown, small: T, large: T, runs: number, floorMs: number, retryAbove: number): Promise<Growth> {
  for (let i = 0; i < 2; i++) {
    await run(small);
    await run(large);
  }
  let bestSmall = Infinity;
  let bestLarge = Infinity;
  let ratio = Infinity;
  for (let attempt = 0; attempt < 3 && ratio > retryAbove; attempt++) {
    for (let i = 0; i < runs << attempt; i++) {
      bestSmall = Math.min(bestSmall, await timed(() => run(small)));
      bestLarge = Math.min(bestLarge, await timed(() => run(large)));
    }
    ratio = Math.max(bestLarge, floorMs) / Math.max(bestSmall, floorMs);
  }
  return { small: bestSmall, large: bestLarge, ratio };
}

/** A one-line description for a failed expectation. */
export function describeGrowth(name: string, g: Growth): string {
  return `${name}: ${g.small.toFixed(1)} ms at n, ${g.large.toFixed(1)} ms at 2n (ratio ${g.ratio.toFixed(2)})`;
}
