import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { float32ToLittleEndian, loadVoices, resolveVoice, VoiceStore, type PresetDefinition } from "../../../src/engine/voices/index.js";
import { VOICES_DIR } from "../../helpers/paths.js";

const base = await loadVoices(VOICES_DIR);
const packs = new Map(base.names().map((n) => [n, base.pack(n)]));
const withPresets = (presets: Record<string, PresetDefinition>): VoiceStore => new VoiceStore(packs, "test", presets);

describe("voice presets", () => {
  const store = withPresets({ narrator: "af_bella(2)+af_sky", grandpa: { voice: "am_adam", speed: 0.85 } });

  it("resolve to their voice, with their name and speed, through the shared resolver", () => {
    const narrator = resolveVoice("narrator", store);
    expect(narrator).toMatchObject({ ok: true, voice: { id: "af_bella(0.667)+af_sky(0.333)", preset: "narrator", language: "en-us" } });
    expect(narrator.ok && narrator.voice.speed).toBeUndefined();
    expect(resolveVoice(" Grandpa ", store)).toMatchObject({ ok: true, voice: { id: "am_adam", preset: "grandpa", speed: 0.85 } });
    // Same pack as the blend they name.
    const blend = store.resolve("af_bella(2)+af_sky");
    if (!narrator.ok || !blend.ok) throw new Error("unresolved");
    expect(store.packFor(narrator.voice)).toBe(store.packFor(blend.voice));
    expect([...store.presets().keys()]).toEqual(["narrator", "grandpa"]);
  });

  it("cannot sit inside a blend, and are listed among the valid names", () => {
    expect(store.resolve("narrator+af_sky")).toMatchObject({ ok: false, code: "invalid_voice", message: expect.stringMatching(/preset 'narrator' can only be used alone/) });
    expect(store.resolve("af_nobody")).toMatchObject({ ok: false, code: "unknown_voice", message: expect.stringMatching(/presets: narrator, grandpa$/) });
  });

  it("are checked when the voices load, naming the preset at fault", () => {
    expect(() => withPresets({ bad: "af_nobody" })).toThrow(/^voicePresets\.bad: unknown voice 'af_nobody'/);
    expect(() => withPresets({ gone: "af_bella-af_bella" })).toThrow(/^voicePresets\.gone: voice blend 'af_bella-af_bella' cancels out/);
    expect(() => withPresets({ af_bella: "af_sky" })).toThrow(/already a voice's name/);
    expect(() => withPresets({ alloy: "af_sky" })).toThrow(/already a voice's name/);
    expect(() => withPresets({ "my-voice": "af_sky" })).toThrow(/lower-case letters, digits and _/);
    expect(() => withPresets({ Narrator: "af_sky" })).toThrow(/lower-case letters/);
    // A preset names voices, never another preset.
    expect(() => withPresets({ a: "af_sky", b: "a" })).toThrow(/^voicePresets\.b: unknown voice 'a'/);
  });
});

describe("custom voices", () => {
  it("load from their folder beside the others, and may be named by presets", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "custom-voices-"));
    const own = base.pack("af_sky").map((v) => v * 0.5);
    writeFileSync(path.join(dir, "af_mine.bin"), float32ToLittleEndian(own));
    const store = await loadVoices(VOICES_DIR, { customVoices: dir, presets: { mine: { voice: "af_mine", speed: 1.2 } } });
    expect(store.has("af_mine")).toBe(true);
    expect(store.size).toBe(base.size + 1);
    expect(store.pack("af_mine")).toEqual(own);
    expect(store.resolve("mine")).toMatchObject({ ok: true, voice: { id: "af_mine", speed: 1.2 } });
  });

  it("may have any plain name: its language from customVoiceLanguages, else its Kokoro prefix, else en-us", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "custom-voices-"));
    for (const name of ["narrator", "abuela", "bf_reader", "af_teller", "zz_odd"]) writeFileSync(path.join(dir, `${name}.bin`), float32ToLittleEndian(base.pack("af_sky")));
    const store = await loadVoices(VOICES_DIR, { customVoices: dir, customVoiceLanguages: { abuela: "es", af_teller: "en-gb" }, presets: { storyteller: "narrator" } });
    expect(store.info("narrator")).toEqual({ name: "narrator", language: "en-us", gender: "unknown" });
    expect(store.info("abuela")).toEqual({ name: "abuela", language: "es", gender: "unknown" });
    expect(store.info("bf_reader")).toEqual({ name: "bf_reader", language: "en-gb", gender: "female" });
    expect(store.info("af_teller")).toEqual({ name: "af_teller", language: "en-gb", gender: "female" }); // the config wins over the prefix
    expect(store.info("zz_odd")).toMatchObject({ language: "en-us", gender: "unknown" });
    // The language follows the voice everywhere a voice is resolved: alone, in a blend (the heaviest), by a preset.
    expect(store.resolve("Abuela")).toMatchObject({ ok: true, voice: { id: "abuela", language: "es" } });
    expect(store.resolve("abuela(2)+af_sky")).toMatchObject({ ok: true, voice: { language: "es" } });
    expect(store.resolve("af_sky(2)+abuela")).toMatchObject({ ok: true, voice: { language: "en-us" } });
    expect(store.resolve("storyteller")).toMatchObject({ ok: true, voice: { id: "narrator", preset: "storyteller", language: "en-us" } });
  });

  it("refuses a name that is not one, an OpenAI name, and a language for a voice that is not there", async () => {
    const bad = async (file: string) => {
      const dir = mkdtempSync(path.join(os.tmpdir(), "custom-voices-"));
      writeFileSync(path.join(dir, file), float32ToLittleEndian(base.pack("af_sky")));
      return loadVoices(VOICES_DIR, { customVoices: dir });
    };
    await expect(bad("My Voice.bin")).rejects.toThrow(/'My Voice' is not a custom voice name \(lower-case letters, digits and _/);
    await expect(bad("a+b.bin")).rejects.toThrow(/'a\+b' is not a custom voice name/);
    await expect(bad("nova.bin")).rejects.toThrow(/'nova' is an OpenAI voice name/);
    const dir = mkdtempSync(path.join(os.tmpdir(), "custom-voices-"));
    writeFileSync(path.join(dir, "narrator.bin"), float32ToLittleEndian(base.pack("af_sky")));
    await expect(loadVoices(VOICES_DIR, { customVoices: dir, customVoiceLanguages: { narator: "en-gb" } })).rejects.toThrow(/customVoiceLanguages: no custom voice 'narator' in /);
    await expect(loadVoices(VOICES_DIR, { customVoiceLanguages: { narrator: "en-gb" } })).rejects.toThrow(/customVoices \(the folder\) is not set/);
  });

  it("may not replace a voice, and must be a folder", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "custom-voices-"));
    writeFileSync(path.join(dir, "af_sky.bin"), float32ToLittleEndian(base.pack("af_bella")));
    await expect(loadVoices(VOICES_DIR, { customVoices: dir })).rejects.toThrow(/'af_sky' is already a voice/);
    await expect(loadVoices(VOICES_DIR, { customVoices: path.join(dir, "nope") })).rejects.toThrow(/customVoices .*nope: not a folder/);
  });
});
