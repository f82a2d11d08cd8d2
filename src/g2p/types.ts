import type { Lang } from "../text/lang.js";

/**
 * One word or punctuation mark with its phonemes. Joining every token's `phonemes`, followed by a
 * space where `spaceAfter` is true, gives the phoneme string of the text.
 */
export interface PhonemeToken {
  /** The source text of the token ("Hello", ",", "don't"). */
  readonly text: string;
  /** misaki-style phonemes; for punctuation the Kokoro punctuation symbol (or "" when it has none). */
  readonly phonemes: string;
  readonly kind: "word" | "punct";
  /** Whether a space follows this token in the phoneme string. */
  readonly spaceAfter: boolean;
}

/**
 * Text to phonemes in misaki's English symbol set (which is a subset of the Kokoro vocabulary).
 * Implementations must not block the calling thread for long: slow engines run in a worker.
 */
export interface G2P {
  /** Short name for logs and /status, e.g. "espeak". */
  readonly name: string;
  /** Phonemes for `text`; words are separated by single spaces and punctuation is kept. */
  phonemize(text: string, lang: Lang): Promise<string>;
  /** The same, word by word, so the planner can cut between words and report word timings. */
  tokens(text: string, lang: Lang): Promise<PhonemeToken[]>;
  /** Releases workers and other resources. */
  close(): Promise<void>;
  /** Counters for telemetry: words that needed the fallback engine since start. */
  stats?(): { readonly fallbackWords: number };
}
