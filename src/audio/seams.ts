import type { BreakKind } from "../text/types.js";

/** Silence after a call, by the boundary it ends on, and the edges kept around the sound (milliseconds). */
export interface SeamSettings {
  readonly pauseMs: Readonly<Record<BreakKind, number>>;
  /** Original audio kept before the first and after the last audible sample (holds breaths and soft onsets). */
  readonly edgeMs: number;
  /** Linear fade over the outer part of each kept edge, so a cut through low-level noise never clicks. */
  readonly fadeMs: number;
  /** Samples below this magnitude count as silence. */
  readonly threshold: number;
}

export const DEFAULT_SEAMS: SeamSettings = {
  pauseMs: { paragraph: 600, sentence: 300, clause: 150, none: 40 },
  edgeMs: 10,
  fadeMs: 5,
  threshold: 1e-3,
};

export interface SeamedCall {
  readonly samples: Float32Array;
  /** Samples removed from the start of the model's audio (to shift word timings). */
  readonly cutStart: number;
}

/**
 * One model call's audio with its leading and trailing silence replaced by a natural pause: the model's
 * own silences vary per call, so concatenating them raw gives uneven gaps (and clicks where a call ends on
 * noise). Keeps `edgeMs` around the sound, fades the outer `fadeMs`, then appends the pause for `breakAfter`.
 * A call with no audible sample becomes just the pause.
 */
export function seamCall(raw: Float32Array, breakAfter: BreakKind, sampleRate: number, settings: SeamSettings = DEFAULT_SEAMS): SeamedCall {
  const edge = Math.round((settings.edgeMs * sampleRate) / 1000);
  const fade = Math.min(edge, Math.round((settings.fadeMs * sampleRate) / 1000));
  const pause = Math.round((settings.pauseMs[breakAfter] * sampleRate) / 1000);
  let first = 0;
  while (first < raw.length && Math.abs(raw[first]!) < settings.threshold) first++;
  if (first === raw.length) return { samples: new Float32Array(pause), cutStart: raw.length };
  let last = raw.length - 1;
  while (last > first && Math.abs(raw[last]!) < settings.threshold) last--;
  const start = Math.max(0, first - edge);
  const end = Math.min(raw.length, last + 1 + edge);
  const out = new Float32Array(end - start + pause);
  out.set(raw.subarray(start, end));
  // Fade only inside the kept edges, never over the audible part.
  const fadeIn = Math.min(fade, first - start);
  const fadeOut = Math.min(fade, end - (last + 1));
  for (let i = 0; i < fadeIn; i++) out[i]! *= i / fadeIn;
  for (let i = 0; i < fadeOut; i++) out[end - start - 1 - i]! *= i / fadeOut;
  return { samples: out, cutStart: start };
}
