import { afterEach, describe, expect, it } from "vitest";
import { KokoroEngine, startWorkers } from "../../src/engine/engine.js";
import { InferenceWorker } from "../../src/engine/worker/handle.js";
import { decodeFixtureAudio } from "../helpers/fixture-audio.js";
import { FIXTURE_MODEL_HEAVY, FIXTURE_MODEL_V1 } from "../helpers/paths.js";

const style = new Float32Array(256);
let engine: KokoroEngine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

describe("swapping the worker pool (provider switch)", () => {
  it("lets running calls finish on the old workers, sends new ones to the new pool, then closes the old workers", async () => {
    const oldWorker = await InferenceWorker.start(FIXTURE_MODEL_HEAVY, { intraOpNumThreads: 1 });
    engine = KokoroEngine.fromPool({ workers: [oldWorker], startWorker: () => InferenceWorker.start(FIXTURE_MODEL_HEAVY), modelPath: FIXTURE_MODEL_HEAVY });
    // The new pool is started first, so the swap comes while the long call is surely still running.
    const start = () => InferenceWorker.start(FIXTURE_MODEL_V1, { intraOpNumThreads: 1 });
    const fresh = await startWorkers(2, start);
    const running = engine.infer({ ids: new Array(200).fill(50), style, speed: 1 });
    const queued = engine.infer({ ids: [51, 52], style, speed: 1 });
    expect(engine.stats()).toMatchObject({ busy: 1, queued: 1 });

    engine.swap({ workers: fresh, startWorker: start, modelPath: FIXTURE_MODEL_V1 });
    expect(engine.info.io.idsInput).toBe("tokens"); // the kokoro-onnx naming: the new pool's model
    expect(engine.modelPath).toBe(FIXTURE_MODEL_V1);

    // The waiting call went to a new worker at once; the running one finishes where it started.
    expect(decodeFixtureAudio((await queued).audio, { speed: 1 }).ids).toEqual([0, 51, 52, 0]);
    expect(oldWorker.alive).toBe(true);
    expect(decodeFixtureAudio((await running).audio, { speed: 1 }).ids).toEqual([0, ...new Array(200).fill(50), 0]);
    await new Promise((r) => setTimeout(r, 50));
    expect(oldWorker.alive).toBe(false);
    expect(engine.stats()).toMatchObject({ workers: 2, completed: 2, failed: 0 });
    const after = await Promise.all([53, 54].map((id) => engine!.infer({ ids: [id], style, speed: 1 })));
    after.forEach((out, i) => expect(decodeFixtureAudio(out.audio, { speed: 1 }).ids).toEqual([0, 53 + i, 0]));
  });

  it("runs background calls only after every waiting request's call", async () => {
    engine = await KokoroEngine.load(FIXTURE_MODEL_HEAVY, { intraOpNumThreads: 1 }, { workers: 1 });
    const order: string[] = [];
    const first = engine.infer({ ids: new Array(20).fill(50), style, speed: 1 }).then(() => order.push("first"));
    const background = engine.infer({ ids: [51], style, speed: 1 }, { background: true }).then(() => order.push("background"));
    const late = engine.infer({ ids: [52], style, speed: 1 }, { deadline: performance.now() + 60_000 }).then(() => order.push("late request"));
    await Promise.all([first, background, late]);
    expect(order).toEqual(["first", "late request", "background"]);
  });
});
