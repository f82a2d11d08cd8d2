// kuromoji (IPADIC, shipped in the npm package) loaded once per process, asynchronously: about 2 s and 300 MB,
// so it is loaded only for Japanese (at start-up when the default voice is Japanese, else on first use).
import { createRequire } from "node:module";
import path from "node:path";
import kuromoji from "kuromoji";

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

function dictionaryDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("kuromoji/package.json")), "dict");
}

/** The tokenizer, loading its dictionary on the first call (later calls share the same load). */
export function loadJaTokenizer(): Promise<JaTokenizer> {
  loading ??= new Promise<JaTokenizer>((resolve, reject) => {
    kuromoji.builder({ dicPath: dictionaryDir() }).build((err, tokenizer) => {
      if (err !== null && err !== undefined) {
        loading = undefined;
        reject(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      resolve((text) =>
        tokenizer.tokenize(text).map((t) => ({
          surface: t.surface_form,
          pronunciation: t.pronunciation ?? t.reading,
          pos: t.pos,
          posDetail: t.pos_detail_1,
        })),
      );
    });
  });
  return loading;
}
