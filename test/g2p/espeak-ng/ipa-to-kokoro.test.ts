import { describe, expect, it } from "vitest";
import { ipaToKokoro } from "../../../src/g2p/espeak-ng/ipa-to-kokoro.js";
import { KOKORO_VOCAB } from "../../../src/g2p/vocab.js";

describe("ipaToKokoro (misaki's espeak.py mapping)", () => {
  it.each([
    ["t^ʃˈao", "ʧˈao"],
    ["d^ʒˈulia", "ʤˈulia"],
    ["pˈit^sːa", "pˈiʦːa"],
    ["d^zˈukːeɾo", "ʣˈukːeɾo"],
    ["sˈe^ɪ", "sˈA"],
    ["sˈa^ɪ", "sˈI"],
    ["pˈa^ʊlʊ", "pˈWlʊ"],
    ["ɡˈo^ʊ", "ɡˈO"],
    ["ɡˈə^ʊ", "ɡˈQ"],
    ["ʁˈɔ^ɪ", "ʁˈY"],
    ["pˈɑs^s", "pˈɑS"],
  ])("maps the tied %s to %s", (ipa, want) => {
    expect(ipaToKokoro(ipa)).toBe(want);
  });

  it("drops other ties but keeps both letters (nasal diphthongs of Portuguese)", () => {
    expect(ipaToKokoro("nˌɐ̃^ʊ̃")).toBe("nˌɐ̃ʊ̃");
  });

  it("keeps stress, length, nasal tildes and the language's own r", () => {
    expect(ipaToKokoro("bɔ̃ʒˈuʁ pˈarte nˈaːm ʎˈamo")).toBe("bɔ̃ʒˈuʁ pˈarte nˈaːm ʎˈamo");
  });

  it("removes espeak's language-switch flags (with their ties) and its hyphens", () => {
    expect(ipaToKokoro("lə- (^e^n)wiːkˈɛnd(^f^r) le-z amˈi")).toBe("lə wiːkˈɛnd lez amˈi");
  });

  it("drops what the vocabulary lacks and squeezes whitespace", () => {
    const out = ipaToKokoro("  aʏ\u0361b  ǀ  c  ");
    expect(out).toBe("ab c");
    for (const ch of out) expect(KOKORO_VOCAB.has(ch)).toBe(true);
  });
});
