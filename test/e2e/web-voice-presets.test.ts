// The playground's voice list with the config's presets (web/js/voices.js), run in Node.
import { describe, expect, it } from "vitest";
import { loadWebModule, type VoicesModule } from "./web-modules.js";

describe("groupVoices with presets", () => {
  it("lists the presets first, as a group of their own", async () => {
    const voices = await loadWebModule<VoicesModule>("voices.js");
    const details = [{ id: "af_sky", language: "en-us", gender: "female" }];
    expect(voices.groupVoices(details, [{ id: "narrator" }, { id: "grandpa" }])).toEqual([
      { label: "Presets", ids: ["narrator", "grandpa"] },
      { label: "English (US) · female", ids: ["af_sky"] },
    ]);
    expect(voices.groupVoices(details)).toEqual([{ label: "English (US) · female", ids: ["af_sky"] }]);
  });
});
