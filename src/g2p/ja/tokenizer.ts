// kuromoji (IPADIC, shipped in the npm package) loaded once per process, in small steps (stepwise-dictionary.ts):
// ~0.5 s and ~80 MB, ~55 MB once its feature strings are compressed in the background (kuromoji's own loading: ~250 MB), at start-up when the default voice is Japanese, in the
// background after start-up (preloadLanguages), or on first use.
import { loadKuromojiStepwise } from "./stepwise-dictionary.js";

export interface Morpheme {
  readonly surface: string;
  /** The pronunciation in katakana (ー for long vowels), or undefined for an unknown word. */
  readonly pronunciation: string | undefined;
  readonly pos: string;
  readonly posDetail: string;
}

export type JaTokenizer = (text: string) => Morpheme[];

/** kuromoji's lattice grows faster than linearly with an unbroken run: text is fed in pieces of at most this many characters. */
export const MAX_PIECE = 100;

let loading: Promise<JaTokenizer> | undefined;

/** The tokenizer, loading its dictionary on the first call (later calls, during the load too, share the same load). */
export function loadJaTokenizer(): Promise<JaTokenizer> {
  loading ??= loadKuromojiStepwise().then(
    (tokenizer): JaTokenizer =>
      (text) =>
        tokenizer.tokenize(text).map((t) => ({
          surface: t.surface_form,
          pronunciation: t.pronunciation ?? t.reading,
          pos: t.pos,
          posDetail: t.pos_detail_1,
        })),
    (err: unknown) => {
      loading = undefined;
      throw err instanceof Error ? err : new Error(String(err));
    },
  );
  return loading;
}
