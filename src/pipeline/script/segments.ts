import type { Lang } from "../../text/lang.js";

/** Who speaks a piece, how fast, in which language; and, in a dialogue, which turn it belongs to. */
export interface Voicing {
  /** A voice as requests name one (a name, an OpenAI alias, a blend, a preset): resolved when the speech opens. */
  readonly voice: string;
  /** Absolute model speed (the request's speed times any rate markup), within the request bounds. */
  readonly speed: number;
  /** null: the voice's own language. */
  readonly lang: Lang | null;
  /** The dialogue turn (from 0), carried into the word timings. */
  readonly turn?: number;
}

/** Text the normalizer and G2P read (it may hold inline `[word](/phonemes/)`). */
export interface TextSegment extends Voicing {
  readonly kind: "text";
  readonly content: string;
}

/** Kokoro phonemes, spoken as given (already checked against the vocabulary). */
export interface PhonemeSegment extends Voicing {
  readonly kind: "phonemes";
  readonly content: string;
}

/** Exact silence: `ms` × 24 samples at the seam between the calls around it. */
export interface PauseSegment {
  readonly kind: "pause";
  readonly ms: number;
}

export type SpokenSegment = TextSegment | PhonemeSegment;
export type Segment = SpokenSegment | PauseSegment;

/**
 * What every input form (SSML, inline tags, phonemes, a dialogue) compiles to: segments in speaking order, no two
 * pauses adjacent, no blank text, at least one spoken segment. `ignoredTags`: markup that was not understood (its
 * text is spoken), for the response header and the log.
 */
export interface SpeechScript {
  readonly segments: readonly Segment[];
  readonly ignoredTags: readonly string[];
}

export function sameVoicing(a: Voicing, b: Voicing): boolean {
  return a.voice === b.voice && a.speed === b.speed && a.lang === b.lang && a.turn === b.turn;
}
