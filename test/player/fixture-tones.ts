// Reads the fixture model's token tones back out of lossy audio (mp3, opus, aac), where the exact decoder of
// test/helpers/fixture-audio.ts cannot work: the codec adds noise and a delay. The lossless rendering of the
// same request says where each token is; the lossy one is aligned to it by cross-correlation, and each token's
// stretch is matched against every token tone, phase-free.
import { KOKORO_VOCAB } from "../../src/g2p/vocab.js";
import { decodeFixtureCalls, samplesPerToken, toneHz } from "../helpers/fixture-audio.js";

const RATE = 24_000;
const IDS: readonly number[] = [...new Set(KOKORO_VOCAB.values())].sort((a, b) => a - b);

/** The token ids of each model call in `lossy`, located by the lossless `reference` of the same speech. */
export function lossyCalls(lossy: Int16Array, reference: Int16Array, speed = 1): number[][] {
  const calls = decodeFixtureCalls(reference, { speed });
  if (calls.length === 0) throw new Error("the reference holds no speech");
  const d = samplesPerToken(speed);
  const offset = bestOffset(lossy, reference, calls[0]!.start, 4 * RATE / 10);
  return calls.map((call) => call.ids.map((_, k) => closestTone(lossy, offset + call.start + k * d, d)));
}

/** The shift of `x` against `ref` (x[i + shift] ≈ ref[i]) that correlates best over a window of `ref` from `start`. */
function bestOffset(x: Int16Array, ref: Int16Array, start: number, window: number, maxShift = 4000): number {
  let best = 0;
  let bestScore = Number.NEGATIVE_INFINITY;
  const end = Math.min(ref.length, start + window);
  for (let shift = -Math.min(maxShift, start); shift <= maxShift; shift++) {
    let dot = 0;
    let energy = 0;
    for (let i = start; i < end; i++) {
      const v = x[i + shift] ?? 0;
      dot += v * ref[i]!;
      energy += v * v;
    }
    const score = energy > 0 ? dot / Math.sqrt(energy) : 0;
    if (score > bestScore) {
      bestScore = score;
      best = shift;
    }
  }
  return best;
}

/** The token whose tone carries the most energy in x[at, at + d), away from the edges a codec smears. */
function closestTone(x: Int16Array, at: number, d: number): number {
  const margin = Math.floor(d / 10);
  let best = -1;
  let bestPower = -1;
  for (const id of IDS) {
    const w = (2 * Math.PI * toneHz(id)) / RATE;
    let s = 0;
    let c = 0;
    for (let j = margin; j < d - margin; j++) {
      const v = x[at + j] ?? 0;
      s += v * Math.sin(w * j);
      c += v * Math.cos(w * j);
    }
    const power = s * s + c * c;
    if (power > bestPower) {
      bestPower = power;
      best = id;
    }
  }
  return best;
}
