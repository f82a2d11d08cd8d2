// The golden sentences of Japanese and Mandarin: `<lang>/golden.tsv`, one `sentence<TAB>phonemes` a line.
// `npx tsx test/g2p/cjk-golden.ts` rewrites the phoneme column from the current front-end (review the diff by
// eye before keeping it).
import { fileURLToPath } from "node:url";
import { rewriteGoldenFiles } from "./golden-sentences.js";

export const CJK_LANGS = ["ja", "zh"] as const;
export type CjkLang = (typeof CJK_LANGS)[number];

export function goldenPath(lang: CjkLang): string {
  return fileURLToPath(new URL(`./${lang}/golden.tsv`, import.meta.url));
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) await rewriteGoldenFiles(CJK_LANGS, goldenPath);
