// Unknown words go to espeak-ng (EspeakG2P: its own worker, mapped to misaki's symbols, LRU-cached).
// A failure never fails the text: the word is then spelled, or left silent.
import type { EnglishLang } from "../../text/lang.js";

/** The part of EspeakG2P the fallback uses. */
export interface FallbackEngine {
  phonemize(text: string, lang: EnglishLang): Promise<string>;
}

export class Fallback {
  private failures = 0;

  constructor(private readonly engine: FallbackEngine) {}

  /** Phonemes for each distinct word; a word espeak cannot read maps to undefined. */
  async words(words: Iterable<string>, lang: EnglishLang): Promise<Map<string, string | undefined>> {
    const unique = [...new Set(words)];
    const answers = await Promise.all(
      unique.map((word) =>
        this.engine.phonemize(word, lang).then(
          (ps) => ps.replace(/\s+/gu, " ").trim() || undefined,
          () => {
            this.failures++;
            return undefined;
          },
        ),
      ),
    );
    return new Map(unique.map((word, i) => [word, answers[i]]));
  }

  /** How many words the engine failed on since start (for /status and tests). */
  get failureCount(): number {
    return this.failures;
  }
}
