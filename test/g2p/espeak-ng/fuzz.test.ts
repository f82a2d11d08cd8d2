import { afterAll, describe, expect, it } from "vitest";
import { createG2P } from "../../../src/g2p/index.js";
import { InProcessFrontEnd } from "../../../src/pipeline/front-end.js";
import { normalizeText } from "../../../src/text/index.js";
import { describeGrowth, growth } from "../../text/shape-timing.js";
import { MISAKI_DIR } from "../../helpers/paths.js";
import { describeRandomText } from "../golden-sentences.js";
import { GOLDEN_LANGS } from "./golden.js";

const frontEnd = new InProcessFrontEnd(createG2P({ lexiconDir: MISAKI_DIR }));
afterAll(() => frontEnd.close());

/** Letters and marks of each language's script, mixed with digits, punctuation of every script and any code point. */
const SCRIPT: Readonly<Record<(typeof GOLDEN_LANGS)[number], string>> = {
  es: "abcdefghijklmnñopqrstuvwxyzáéíóúüÁÉ¿¡",
  "fr-fr": "abcdefghijklmnopqrstuvwxyzàâçéèêëîïôûùüÿœæ«»'",
  hi: "अआइईउऊएऐओऔकखगघचछजझटठडढणतथदधनपफबभमयरलवशषसहािीुूेैोौंँः्।॥",
  it: "abcdefghilmnopqrstuvzàèéìòù'",
  "pt-br": "abcdefghijlmnopqrstuvxzáâãàçéêíóôõú",
};
const COMMON = " 0123456789.,;:!?—…\"()“”[]{}/%€$+-_*#@&\n\t。，、！？；：「」《》😀\u0301\u200d\uE000";

describeRandomText(SCRIPT, COMMON, frontEnd, 40);

// Hostile shapes: the work on this thread (normalizing, splitting, aligning) grows linearly. espeak-ng's own time is
// spent in its child process and is not counted by `growth` (CPU time of this process).
const SHAPES: Readonly<Record<string, (n: number) => string>> = {
  "one long word": (n) => "a".repeat(n),
  "many distinct numbers": (n) => Array.from({ length: Math.ceil(n / 6) }, (_, i) => String(i)).join(" ").slice(0, n),
  "punctuation only": (n) => "¿¡,.;".repeat(n).slice(0, n),
  "dandas and words": (n) => "राम है। ".repeat(n).slice(0, n),
  "full-width marks": (n) => "你好，世界。".repeat(n).slice(0, n),
  "unclosed inline links": (n) => "[a](".repeat(n).slice(0, n),
};

describe("non-English front-end time grows linearly with its input (1.25k vs 2.5k characters)", () => {
  it.each(Object.entries(SHAPES))("%s", async (name, shape) => {
    const run = (text: string) => frontEnd.phonemizeText(text, { lang: "es", codeBlocks: "read" });
    const g = await growth(run, shape(1250), shape(2500), { next: shape(5000), runs: 2 });
    expect(g.ratio, describeGrowth(name, g)).toBeLessThanOrEqual(3);
  }, 120_000);

  it("normalizing 20k vs 40k characters of Hindi and Spanish", async () => {
    const text = "नमस्ते, आप कैसे हैं? ¿Cómo estás, 3,5 %? ".repeat(2000);
    const g = await growth((t: string) => normalizeText(t, { lang: "hi" }), text.slice(0, 20_000), text.slice(0, 40_000));
    expect(g.ratio, describeGrowth("hi/es mix", g)).toBeLessThanOrEqual(3);
  });
});
