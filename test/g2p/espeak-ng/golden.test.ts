import { afterAll, expect, it } from "vitest";
import { createG2P } from "../../../src/g2p/index.js";
import { InProcessFrontEnd } from "../../../src/pipeline/front-end.js";
import { MISAKI_DIR } from "../../helpers/paths.js";
import { describeGoldenSentences } from "../golden-sentences.js";
import { GOLDEN_LANGS, goldenPath } from "./golden.js";

// The golden phonemes were made by this front-end (espeak-ng 1.51, Debian) and reviewed by eye against misaki's
// espeak.py rules (tied affricates and diphthongs → ʧ ʤ ʦ ʣ A I O W Y Q S, ties and hyphens gone, stress, length,
// nasal tildes, ʁ ɾ r kept); they pin the behaviour, they were not produced independently of it.
const frontEnd = new InProcessFrontEnd(createG2P({ lexiconDir: MISAKI_DIR }));
afterAll(() => frontEnd.close());

describeGoldenSentences(GOLDEN_LANGS, goldenPath, frontEnd, (golden) => {
  it("keeps no tie, hyphen or language flag of espeak's", () => {
    for (const [, phonemes] of golden) expect(phonemes).not.toMatch(/\^|\u0361|-|\([a-z]+\)/u);
  });
});
