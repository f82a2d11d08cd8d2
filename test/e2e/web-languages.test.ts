// The playground's language helpers (web/js/languages.js, voices.js), run in Node: names, samples, when a
// sample may replace the text, voice labels and the language a blend reads in.
import { beforeAll, describe, expect, it } from "vitest";
import { LANG_NAMES, LANGS } from "../../src/text/lang.js";
import { loadWebModule, type LanguagesModule, type VoicesModule } from "./web-modules.js";

let languages: LanguagesModule;
let voices: VoicesModule;
const START = "Kokoro is a small text to speech model.";

beforeAll(async () => {
  [languages, voices] = await Promise.all([loadWebModule<LanguagesModule>("languages.js"), loadWebModule<VoicesModule>("voices.js")]);
});

describe("languages", () => {
  it("names the server's nine languages as the server does, and has a sample with a number for each", () => {
    expect(languages.LANGUAGE_NAMES).toEqual(LANG_NAMES);
    expect(Object.keys(languages.SAMPLE_SENTENCES).sort()).toEqual([...LANGS].sort());
    for (const [lang, sample] of Object.entries(languages.SAMPLE_SENTENCES)) expect(sample, lang).toMatch(/\d/);
    expect(new Set(Object.values(languages.SAMPLE_SENTENCES)).size).toBe(LANGS.length);
    expect(languages.languageName("xx")).toBe("xx");
  });

  it("replaces only stock text: empty, the starting text or a sample", () => {
    expect(languages.isStockText("", START)).toBe(true);
    expect(languages.isStockText(`  ${START}\n`, START)).toBe(true);
    expect(languages.isStockText(languages.SAMPLE_SENTENCES.ja!, START)).toBe(true);
    expect(languages.isStockText(`${START} And mine.`, START)).toBe(false);
    expect(languages.isStockText(languages.SAMPLE_SENTENCES.ja!.slice(1), START)).toBe(false);
  });

  it("swaps stock text for the language's sample, keeps typed text, and keeps the English start for English", () => {
    expect(languages.textForLanguage(START, "fr-fr", START)).toBe(languages.SAMPLE_SENTENCES["fr-fr"]);
    expect(languages.textForLanguage(languages.SAMPLE_SENTENCES["fr-fr"]!, "zh", START)).toBe(languages.SAMPLE_SENTENCES.zh);
    expect(languages.textForLanguage(languages.SAMPLE_SENTENCES.zh!, "en-us", START)).toBe(languages.SAMPLE_SENTENCES["en-us"]);
    expect(languages.textForLanguage(START, "en-us", START)).toBe(START);
    expect(languages.textForLanguage(START, "en-gb", START)).toBe(START);
    expect(languages.textForLanguage("", "hi", START)).toBe(languages.SAMPLE_SENTENCES.hi);
    expect(languages.textForLanguage("Typed by me.", "ja", START)).toBe("Typed by me.");
    expect(languages.textForLanguage(START, "xx", START)).toBe(START);
  });
});

describe("voice labels and languages", () => {
  const details = [
    { id: "af_heart", language: "en-us", language_name: "English (US)", gender: "female" },
    { id: "ff_siwis", language: "fr-fr", language_name: "French", gender: "female" },
    { id: "jf_alpha", language: "ja", gender: "female" }, // an older server: no language_name
  ];
  const presets = [{ id: "narrator", language: "fr-fr", speed: 0.9 }, { id: "plain", language: "en-us", speed: null }];

  it("labels each voice and preset with its language, from the server's names or the page's", () => {
    const catalogue = voices.voiceCatalogue(details, presets);
    expect(voices.voiceLabel("af_heart", catalogue)).toBe("af_heart — English (US)");
    expect(voices.voiceLabel("jf_alpha", catalogue)).toBe("jf_alpha — Japanese");
    expect(voices.voiceLabel("narrator", catalogue)).toBe("narrator — French");
    expect(voices.voiceLabel("unknown", catalogue)).toBe("unknown");
    expect(catalogue.get("narrator")).toEqual({ language: "fr-fr", languageName: "French", speed: 0.9 });
    expect(catalogue.get("plain")?.speed).toBeNull();
    expect(catalogue.get("af_heart")?.speed).toBeNull();
  });

  it("groups by the server's language names", () => {
    expect(voices.groupVoices(details).map((g) => g.label)).toEqual(["English (US) · female", "French · female", "Japanese · female"]);
  });

  it("reads a blend in its heaviest voice's language, the first of equals", () => {
    const catalogue = voices.voiceCatalogue(details, presets);
    expect(voices.blendLanguage([{ name: "jf_alpha", weight: 1 }], catalogue)).toBe("ja");
    expect(voices.blendLanguage([{ name: "af_heart", weight: 1 }, { name: "ff_siwis", weight: 2 }], catalogue)).toBe("fr-fr");
    expect(voices.blendLanguage([{ name: "af_heart", weight: 1 }, { name: "ff_siwis", weight: 1 }], catalogue)).toBe("en-us");
    expect(voices.blendLanguage([{ name: "nobody", weight: 5 }, { name: "ff_siwis", weight: 1 }], catalogue)).toBe("fr-fr");
    expect(voices.blendLanguage([{ name: "nobody", weight: 1 }], catalogue)).toBeUndefined();
  });
});
