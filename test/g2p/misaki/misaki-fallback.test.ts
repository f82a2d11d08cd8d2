import { describe, it, expect, afterAll } from "vitest";
import { EspeakG2P } from "../../../src/g2p/espeak-g2p.js";
import { createG2P } from "../../../src/g2p/index.js";
import { MisakiG2P, type MisakiFallback } from "../../../src/g2p/misaki/misaki-g2p.js";
import { unknownSymbols } from "../../../src/g2p/vocab.js";
import { LEXICON_DIR, RecordingFallback, sharedStore } from "./misaki-helpers.js";

describe("unknown words", () => {
  it("go to the fallback once per distinct word, whole, and only they", async () => {
    const fallback = new RecordingFallback((w) => (w === "Zbigniew" ? "zbˈɪɡnjɛf" : "blˈɑɹɡ"));
    const g2p = new MisakiG2P({ lexicons: sharedStore, fallback });
    expect(await g2p.phonemize("Zbigniew met Zbigniew at the blarg-flurb.", "en-us")).toBe(
      "zbˈɪɡnjɛf mˈɛt zbˈɪɡnjɛf æt ðə blˈɑɹɡ.",
    );
    expect(fallback.calls.map(([word]) => word).sort()).toEqual(["Zbigniew", "blarg-flurb"]);
  });

  it("are spelled when the fallback fails, and never fail the text", async () => {
    const failing: MisakiFallback = {
      phonemize: () => Promise.reject(new Error("espeak is down")),
      close: async () => {},
    };
    const g2p = new MisakiG2P({ lexicons: sharedStore, fallback: failing });
    expect(await g2p.phonemize("Hi Xq.", "en-us")).toBe("hˈI ˌɛkskjˈu.");
    expect(await g2p.phonemize("Hi Ωμ.", "en-us")).toBe("hˈI.");
    expect(await g2p.phonemize("Hi Ωμ there", "en-us")).toBe("hˈI ðˈɛɹ");
  });

  it("decide the article before them once known", async () => {
    const g2p = new MisakiG2P({ lexicons: sharedStore, fallback: new RecordingFallback(() => "ˈɔlbæk") });
    expect(await g2p.phonemize("the Zorblax", "en-us")).toBe("ði ˈɔlbæk");
  });
});

describe("unknown words with real espeak", () => {
  const espeak = new EspeakG2P();
  const g2p = new MisakiG2P({ lexicons: sharedStore, fallback: espeak });
  afterAll(() => g2p.close());

  it("are phonemized by espeak in misaki's symbols and cached", async () => {
    const first = await g2p.phonemize("Zbigniew Brzezinski", "en-us");
    expect(first).toMatch(/^\S+ \S+$/u);
    expect(unknownSymbols(first)).toEqual([]);
    expect(first).not.toMatch(/[ɾʔː]/u);
    const calls = espeak.stats().workerCalls;
    expect(await g2p.phonemize("Brzezinski met Zbigniew.", "en-us")).toMatch(/^\S+ mˈɛt \S+\.$/u);
    expect(espeak.stats().workerCalls).toBe(calls);
  });
});

describe("createG2P", () => {
  it("returns the misaki G2P on the given lexicons, with espeak behind it", async () => {
    const g2p = createG2P({ lexiconDir: LEXICON_DIR });
    try {
      expect(g2p.name).toBe("misaki");
      expect(await g2p.phonemize("Hi.", "en-us")).toBe("hˈI.");
      expect(await g2p.phonemize("Zyxtrop.", "en-us")).toMatch(/^\S+\.$/u);
    } finally {
      await g2p.close();
    }
  });

  it("fails on the first use when the lexicon directory is wrong", async () => {
    const g2p = createG2P({ lexiconDir: "/nonexistent/misaki" });
    try {
      await expect(g2p.phonemize("Hi.", "en-us")).rejects.toThrow(/us_(gold|silver)\.json/u);
    } finally {
      await g2p.close();
    }
  });
});
