import { describe, expect, it } from "vitest";
import { warmLangsFor } from "../../../src/pipeline/front-end-worker/protocol.js";

describe("the languages warmed for the configured default voice", () => {
  it("warms the default voice's own language, the English dialect too (American English is always warm)", () => {
    expect(warmLangsFor("jf_alpha")).toEqual(["ja"]);
    expect(warmLangsFor("zm_yunxi")).toEqual(["zh"]);
    expect(warmLangsFor("ff_siwis")).toEqual(["fr-fr"]);
    expect(warmLangsFor("af_heart")).toEqual(["en-us"]);
    expect(warmLangsFor("bf_emma")).toEqual(["en-gb"]);
  });

  it("warms every language of a blend, and nothing for a preset name", () => {
    expect(warmLangsFor("jf_alpha(2)+zf_xiaobei")).toEqual(["ja", "zh"]);
    expect(warmLangsFor("narrator")).toEqual([]);
  });
});

describe("the front-end worker warms the languages it is started with", () => {
  it("loads the Japanese dictionary at warm-up, so the first Japanese request does not wait for it", async () => {
    const { WorkerFrontEnd } = await import("../../../src/pipeline/front-end-worker/handle.js");
    const { MISAKI_DIR } = await import("../../helpers/paths.js");
    const firstRequestMs = async (warmLangs: Array<"ja">): Promise<number> => {
      const frontEnd = new WorkerFrontEnd({ lexiconDir: MISAKI_DIR, warmLangs });
      try {
        await frontEnd.warmUp();
        const start = performance.now();
        expect((await frontEnd.phonemize("東京に行きます。", { lang: "ja", codeBlocks: "skip" })).phonemes).toBe("toːkʲoː ɲi ikʲimasɨ.");
        return performance.now() - start;
      } finally {
        await frontEnd.close();
      }
    };
    const warmed = await firstRequestMs(["ja"]);
    const cold = await firstRequestMs([]);
    // The cold one loads the dictionary (~2 s); the warmed one only reads a sentence (~10 ms).
    expect(warmed * 10).toBeLessThan(cold);
  }, 60_000);
});
