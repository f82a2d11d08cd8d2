// Shared set-up for the misaki G2P tests: the real lexicons from ../shared/data/misaki and a
// stand-in fallback that records what it was asked.
import { fileURLToPath } from "node:url";
import { LexiconStore } from "../../../src/g2p/misaki/lexicon.js";
import type { MisakiFallback } from "../../../src/g2p/misaki/misaki-g2p.js";
import type { Lang } from "../../../src/text/lang.js";

export const LEXICON_DIR = fileURLToPath(new URL("../../../../shared/data/misaki", import.meta.url));

/** One store per test file: each dialect is parsed once. */
export const sharedStore = new LexiconStore(LEXICON_DIR);

/** A fallback that answers every word with the same phonemes and counts its calls. */
export class RecordingFallback implements MisakiFallback {
  readonly calls: Array<[string, Lang]> = [];
  constructor(private readonly answer: (word: string) => string = () => "fˈɔlbæk") {}
  async phonemize(text: string, lang: Lang): Promise<string> {
    this.calls.push([text, lang]);
    return this.answer(text);
  }
  async close(): Promise<void> {}
}
