import { MAX_PAUSE_MS } from "./limits.js";

/** A duration as SSML's `time` and the `[pause:…]` tag write it: `1.5s`, `300ms` (a decimal number and a unit). */
const DURATION = /^\s*(\d{1,6}(?:\.\d{1,6})?|\.\d{1,6})\s*(ms|s)\s*$/iu;

/**
 * Milliseconds of a duration, or a message saying what is wrong (not a duration, longer than MAX_PAUSE_MS).
 * Fractions of a millisecond are kept: the silence is rounded to whole samples once, at the seam.
 */
export function parseDuration(text: string): number | string {
  const m = DURATION.exec(text);
  if (m === null) return `'${clip(text)}' is not a duration; write it like 1.5s or 300ms`;
  const ms = Number(m[1]) * (m[2]!.toLowerCase() === "s" ? 1000 : 1);
  if (ms > MAX_PAUSE_MS) return `a pause of ${ms} ms is longer than the limit of ${MAX_PAUSE_MS} ms`;
  return ms;
}

/** SSML `<break strength>`: how long each strength pauses (`none` removes the pause, medium is a `<break/>`). */
export const BREAK_STRENGTH_MS: Readonly<Record<string, number>> = {
  none: 0,
  "x-weak": 100,
  weak: 200,
  medium: 400,
  strong: 700,
  "x-strong": 1200,
};

/** A value quoted in an error message, cut short so a huge attribute never makes a huge message. */
export function clip(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
