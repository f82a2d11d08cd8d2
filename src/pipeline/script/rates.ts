import { MAX_SPEED, MIN_SPEED } from "../request.js";
import { clip } from "./durations.js";

/** SSML's named rates, as multiples of the voice's own pace. */
const NAMED_RATES: Readonly<Record<string, number>> = { "x-slow": 0.6, slow: 0.8, medium: 1, default: 1, fast: 1.2, "x-fast": 1.5 };

/**
 * A rate as a multiple of the pace around it: a number (`1.2`), a percentage (`120%` of it, or `+20%` / `-10%`
 * relative to it) or a name (x-slow … x-fast). A message when it is none of these or not positive.
 */
export function parseRate(text: string): number | string {
  const value = text.trim().toLowerCase();
  const named = NAMED_RATES[value];
  if (named !== undefined) return named;
  const percent = /^([+-]?)(\d{1,4}(?:\.\d{1,4})?)%$/u.exec(value);
  let rate: number;
  if (percent !== null) {
    const n = Number(percent[2]) / 100;
    rate = percent[1] === "+" ? 1 + n : percent[1] === "-" ? 1 - n : n;
  } else if (/^\d{1,4}(?:\.\d{1,6})?$|^\.\d{1,6}$/u.test(value)) {
    rate = Number(value);
  } else {
    return `'${clip(text)}' is not a rate; use a number (1.2), a percentage (120%, +20%) or x-slow, slow, medium, fast, x-fast`;
  }
  if (!(rate > 0)) return `rate '${clip(text)}' must be above zero`;
  return rate;
}

/** A speed times a rate, kept within what a request may ask for (the model's usable range). */
export function scaledSpeed(speed: number, rate: number): number {
  return Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed * rate));
}
