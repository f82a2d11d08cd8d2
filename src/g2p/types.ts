/** Languages the English front-end speaks. `en` is accepted at the edges and means `en-us`. */
export type Lang = "en-us" | "en-gb";

export const LANGS: readonly Lang[] = ["en-us", "en-gb"];

/**
 * Text to phonemes in misaki's English symbol set (which is a subset of the Kokoro vocabulary).
 * Implementations must not block the calling thread for long: slow engines run in a worker.
 */
export interface G2P {
  /** Short name for logs and /status, e.g. "espeak". */
  readonly name: string;
  /** Phonemes for `text`; words are separated by single spaces and punctuation is kept. */
  phonemize(text: string, lang: Lang): Promise<string>;
  /** Releases workers and other resources. */
  close(): Promise<void>;
}
