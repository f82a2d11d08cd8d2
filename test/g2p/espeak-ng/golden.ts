// The golden sentences of the espeak-ng languages: `golden/<lang>.tsv`, one `sentence<TAB>phonemes` a line.
// `npx tsx test/g2p/espeak-ng/golden.ts` rewrites the phoneme column from the current front-end (review the
// diff by eye before keeping it).
import { fileURLToPath } from "node:url";
import type { EspeakNgLang } from "../../../src/g2p/espeak-ng/languages.js";
import { rewriteGoldenFiles } from "../golden-sentences.js";

export const GOLDEN_LANGS: readonly EspeakNgLang[] = ["es", "fr-fr", "hi", "it", "pt-br"];

export function goldenPath(lang: EspeakNgLang): string {
  return fileURLToPath(new URL(`./golden/${lang}.tsv`, import.meta.url));
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) await rewriteGoldenFiles(GOLDEN_LANGS, goldenPath);
