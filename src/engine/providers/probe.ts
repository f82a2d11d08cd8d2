// The probe: one known model call (the warm-up text) that every new session must answer with valid audio
// before it serves, and that the `auto` benchmark times.
import { withPads, type KokoroEngine, type ModelCall } from "../engine.js";
import type { InferenceWorker } from "../worker/handle.js";
import { audioProblem } from "./audio-check.js";

export interface ProbeResult {
  readonly audio: Float32Array;
  readonly inferMs: number;
  /** Null when the audio is valid. */
  readonly problem: string | null;
}

/** Runs the probe on one worker (a candidate not yet serving). `referenceSamples`: the CPU's output length. */
export async function probeWorker(worker: InferenceWorker, probe: ModelCall, referenceSamples?: number): Promise<ProbeResult> {
  const out = await worker.run(withPads(probe.ids), probe.style.slice(), probe.speed);
  return { audio: out.audio, inferMs: out.inferMs, problem: check(out.audio, probe, referenceSamples) };
}

/** Runs the probe through a serving engine at background priority (after any waiting request's calls). */
export async function probeEngine(engine: KokoroEngine, probe: ModelCall, referenceSamples?: number): Promise<ProbeResult> {
  const out = await engine.infer(probe, { background: true });
  return { audio: out.audio, inferMs: out.inferMs, problem: check(out.audio, probe, referenceSamples) };
}

function check(audio: Float32Array, probe: ModelCall, referenceSamples: number | undefined): string | null {
  return audioProblem(audio, { positions: probe.ids.length + 2, speed: probe.speed, referenceSamples });
}
