// The golden sentences of the espeak-ng languages: `golden/<lang>.tsv`, one `sentence<TAB>phonemes` a line.
// `npx tsx test/g2p/espeak-ng/golden.ts` rewrites the phoneme column from the current front-end (review the
// diff by eye before keeping it).
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createG2P } from "../../../src/g2p/index.js";
import { InProcessFrontEnd } from "../../../src/pipeline/front-end.js";
import type { EspeakNgLang } from "../../../src/g2p/espeak-ng/languages.js";
import { MISAKI_DIR } from "../../helpers/paths.js";

export const GOLDEN_LANGS: readonly EspeakNgLang[] = ["es", "fr-fr", "hi", "it", "pt-br"];

export function goldenPath(lang: EspeakNgLang): string {
  return fileURLToPath(new URL(`./golden/${lang}.tsv`, import.meta.url));
}

export function readGolden(lang: EspeakNgLang): Array<readonly [text: string, phonemes: string]> {
  return readFileSync(goldenPath(lang), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const [text = "", phonemes = ""] = line.split("\t");
      return [text, phonemes] as const;
    });
}

async function regenerate(): Promise<void> {
  const frontEnd = new InProcessFrontEnd(createG2P({ lexiconDir: MISAKI_DIR }));
  try {
    for (const lang of GOLDEN_LANGS) {
      const lines: string[] = [];
      for (const [text] of readGolden(lang)) lines.push(`${text}\t${await frontEnd.phonemize(text, { lang, codeBlocks: "skip" })}`);
      writeFileSync(goldenPath(lang), `${lines.join("\n")}\n`);
    }
  } finally {
    await frontEnd.close();
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) await regenerate();
