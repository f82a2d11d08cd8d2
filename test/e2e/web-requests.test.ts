// What the playground's requests carry (web/js/speed.js, dialogue.js), run in Node: speed only once set,
// and dialogue bodies checked before they are sent.
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_DIALOGUE_PAUSE_MS } from "../../src/server/routes/dialogue.js";
import { MAX_PAUSE_MS } from "../../src/pipeline/script/index.js";
import { loadWebModule, type DialogueModule, type SpeedModule } from "./web-modules.js";

let speed: SpeedModule;
let dialogue: DialogueModule;

beforeAll(async () => {
  [speed, dialogue] = await Promise.all([loadWebModule<SpeedModule>("speed.js"), loadWebModule<DialogueModule>("dialogue.js")]);
});

describe("speed", () => {
  it("is sent only once the user moved the slider, even back to 1", () => {
    expect(speed.speedField(false, 1)).toEqual({});
    expect(speed.speedField(false, 2)).toEqual({});
    expect(speed.speedField(true, 1)).toEqual({ speed: 1 });
    expect(speed.speedField(true, 0.85)).toEqual({ speed: 0.85 });
  });

  it("reads the preset's speed until the slider moves", () => {
    expect(speed.speedLabel(false, 1, null)).toBe("1.00×");
    expect(speed.speedLabel(false, 1, 0.85)).toBe("0.85× (preset)");
    expect(speed.speedLabel(true, 1.5, 0.85)).toBe("1.50×");
    expect(speed.speedLabel(true, 1, undefined)).toBe("1.00×");
  });
});

describe("dialogue requests", () => {
  const turns = [
    { voice: "af_heart", text: "Ready?" },
    { voice: "bm_george", text: "Ready." },
  ];

  it("shares the server's pause default and limit", () => {
    expect(dialogue.DEFAULT_PAUSE_MS).toBe(DEFAULT_DIALOGUE_PAUSE_MS);
    expect(dialogue.MAX_PAUSE_MS).toBe(MAX_PAUSE_MS);
  });

  it("builds the body with the turns, the pause and the fields the user set", () => {
    expect(dialogue.dialogueRequest(turns, 250)).toEqual({ model: "kokoro", turns, pause_ms: 250 });
    expect(dialogue.dialogueRequest(turns, 0, { speed: 1.2, lang: "en-gb" })).toEqual({ model: "kokoro", turns, pause_ms: 0, speed: 1.2, lang: "en-gb" });
  });

  it("names the first turn without text, and refuses no turns", () => {
    expect(() => dialogue.dialogueRequest([...turns, { voice: "af_sky", text: " \n" }, { voice: "af_sky", text: "" }], 400)).toThrow("Turn 3 has no text.");
    expect(() => dialogue.dialogueRequest([], 400)).toThrow("Add a turn first.");
  });

  it("reads the pause field: blank is the default, out of range or not a number is an error", () => {
    expect(dialogue.parsePauseMs("")).toBe(DEFAULT_DIALOGUE_PAUSE_MS);
    expect(dialogue.parsePauseMs(" 300 ")).toBe(300);
    expect(dialogue.parsePauseMs("0")).toBe(0);
    expect(dialogue.parsePauseMs(String(MAX_PAUSE_MS))).toBe(MAX_PAUSE_MS);
    for (const bad of ["-1", String(MAX_PAUSE_MS + 1), "soon", "Infinity"]) expect(() => dialogue.parsePauseMs(bad), bad).toThrow(/0 to 10000 ms/);
  });

  it("shows the turns one per line in the reader", () => {
    expect(dialogue.dialogueText(turns)).toBe("Ready?\nReady.");
  });
});
