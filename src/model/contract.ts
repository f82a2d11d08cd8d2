// The Kokoro-82M model contract (DESIGN.md, "The model contract"): the facts every export shares.
// This file imports nothing, so any layer may depend on it.

/** Output sample rate: mono float32 at 24 kHz. */
export const SAMPLE_RATE = 24_000;

/** Audio samples per predicted duration frame at speed 1 (25 ms at 24 kHz). */
export const SAMPLES_PER_FRAME = 600;

/** The pad token id ("$") that wraps every call's ids at both ends. */
export const PAD_ID = 0;

/** Most phoneme ids one model call takes, without the two pads (so at most 512 with them). */
export const MAX_PHONEME_IDS = 510;

/** The vocabulary id of the space between words (" "). */
export const SPACE_ID = 16;

/** Rows of a voice's style tensor [510, 1, 256]: one per phoneme count 0..509. */
export const STYLE_ROWS = 510;

/** Length of one style vector (the model's `style` input is float32 [1, 256]). */
export const STYLE_DIM = 256;
