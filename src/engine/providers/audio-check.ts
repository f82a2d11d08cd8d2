// Is this model output usable audio? A provider whose session loads can still compute garbage (an fp16
// overflow gives NaN, a broken kernel an empty or truncated tensor), so a new session must pass this
// check on a known call before it serves anyone.

import { SAMPLES_PER_FRAME } from "../../model/contract.js";

/**
 * Kokoro gives every input position (pads included) at least one frame (its durations are clamped to
 * ≥ 1), so at speed 1 audio shorter than a quarter frame per position cannot be right; longer than 50
 * frames per position on average cannot either. Loose on purpose: they catch broken output, not style.
 */
const MIN_SAMPLES_PER_POSITION = SAMPLES_PER_FRAME / 4;
const MAX_SAMPLES_PER_POSITION = SAMPLES_PER_FRAME * 50;
/** Below this peak the "audio" is silence. */
const SILENT_PEAK = 1e-6;

export interface AudioExpectation {
  /** Input positions of the call, pads included. */
  readonly positions: number;
  /** The speed the call ran at. */
  readonly speed: number;
  /** Length of a trusted provider's audio for the same call (the CPU's), when known. */
  readonly referenceSamples?: number;
}

/** Null when `audio` is plausible output for the call, otherwise what is wrong with it. */
export function audioProblem(audio: Float32Array, expected: AudioExpectation): string | null {
  if (audio.length === 0) return "empty audio";
  let nonFinite = 0;
  let peak = 0;
  for (const x of audio) {
    if (!Number.isFinite(x)) nonFinite++;
    else if (Math.abs(x) > peak) peak = Math.abs(x);
  }
  if (nonFinite > 0) return `${nonFinite} of ${audio.length} samples are NaN or infinite`;
  if (peak < SILENT_PEAK) return "silent audio (every sample is zero)";
  const { positions, speed, referenceSamples } = expected;
  if (referenceSamples !== undefined) {
    // Durations are whole frames, so a slightly different provider may move a position by a frame or two.
    const slack = Math.max(2 * SAMPLES_PER_FRAME, 0.1 * referenceSamples);
    if (Math.abs(audio.length - referenceSamples) > slack) {
      return `wrong length: ${audio.length} samples where the CPU gives ${referenceSamples}`;
    }
    return null;
  }
  const min = (positions * MIN_SAMPLES_PER_POSITION) / speed;
  const max = (positions * MAX_SAMPLES_PER_POSITION) / speed;
  if (audio.length < min || audio.length > max) {
    return `wrong length: ${audio.length} samples for ${positions} input positions at speed ${speed} (expected ${Math.ceil(min)} to ${Math.floor(max)})`;
  }
  return null;
}
