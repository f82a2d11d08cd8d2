import { afterEach, describe, expect, it } from "vitest";
import { performance } from "node:perf_hooks";
import { KokoroEngine } from "../../src/engine/engine.js";
import { CancelledError, QueueFullError } from "../../src/engine/errors.js";
import { decodeFixtureAudio } from "../helpers/fixture-audio.js";
import { FIXTURE_MODEL, FIXTURE_MODEL_HEAVY } from "../helpers/paths.js";

const style = new Float32Array(256);
let engine: KokoroEngine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

describe("the scheduler behind KokoroEngine", () => {
  it("runs waiting calls earliest deadline first, not in arrival order", async () => {
    engine = await KokoroEngine.load(FIXTURE_MODEL_HEAVY, { intraOpNumThreads: 1 }, { workers: 1 });
    const done: string[] = [];
    const now = performance.now();
    const call = (name: string, id: number, deadline: number) =>
      engine!.infer({ ids: new Array(20).fill(id), style, speed: 1 }, { deadline }).then((out) => {
        done.push(name);
        expect(decodeFixtureAudio(out.audio, { speed: 1 }).ids.slice(1, -1)).toEqual(new Array(20).fill(id));
      });
    // "first" occupies the single worker; the rest queue and must come out by deadline.
    const all = [call("first", 50, now), call("late", 51, now + 30_000), call("soon", 52, now + 1_000), call("middle", 53, now + 5_000)];
    await Promise.all(all);
    expect(done).toEqual(["first", "soon", "middle", "late"]);
    expect(engine.stats()).toMatchObject({ workers: 1, started: 4, completed: 4, queued: 0, busy: 0 });
  });

  it("drops a cancelled request's queued calls at once and keeps serving", async () => {
    engine = await KokoroEngine.load(FIXTURE_MODEL_HEAVY, { intraOpNumThreads: 1 }, { workers: 1 });
    const running = engine.infer({ ids: new Array(100).fill(50), style, speed: 1 });
    const controller = new AbortController();
    const queued = [1, 2, 3].map(() => engine!.infer({ ids: [51, 52], style, speed: 1 }, { signal: controller.signal }));
    expect(engine.stats().queued).toBe(3);
    controller.abort();
    for (const q of queued) await expect(q).rejects.toBeInstanceOf(CancelledError);
    expect(engine.stats()).toMatchObject({ queued: 0, dropped: 3 });
    await running;
    const after = await engine.infer({ ids: [53], style, speed: 1 });
    expect(decodeFixtureAudio(after.audio, { speed: 1 }).ids).toEqual([0, 53, 0]);
    expect(engine.stats().started).toBe(2);
  });

  it("refuses new calls when the queue is full instead of waiting without bound", async () => {
    engine = await KokoroEngine.load(FIXTURE_MODEL, { intraOpNumThreads: 1 }, { workers: 1, maxQueued: 2 });
    const accepted = [1, 2, 3].map(() => engine!.infer({ ids: [50], style, speed: 1 }));
    await expect(engine.infer({ ids: [50], style, speed: 1 })).rejects.toBeInstanceOf(QueueFullError);
    await Promise.all(accepted);
    expect(engine.stats().rejected).toBe(1);
  });

  it("spreads calls over several workers", async () => {
    engine = await KokoroEngine.load(FIXTURE_MODEL, { intraOpNumThreads: 1 }, { workers: 2 });
    const outs = await Promise.all([50, 51, 52, 53].map((id) => engine!.infer({ ids: [id, id], style, speed: 2 })));
    outs.forEach((out, i) => expect(decodeFixtureAudio(out.audio, { speed: 2 }).ids).toEqual([0, 50 + i, 50 + i, 0]));
    expect(engine.stats()).toMatchObject({ workers: 2, completed: 4 });
  });
});
