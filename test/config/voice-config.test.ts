import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.js";
import { configFile, noFileEnv } from "../helpers/config-env.js";

describe("voicePresets and customVoices", () => {
  const presets = { narrator: "af_bella(2)+af_sky", grandpa: { voice: "am_adam", speed: 0.85 } };

  it("default to none", () => {
    const { config } = loadConfig({ env: noFileEnv() });
    expect(config.voicePresets).toEqual({});
    expect(config.customVoices).toBeUndefined();
  });

  it("come from the config file, or KOKORO_VOICE_PRESETS as JSON text and KOKORO_CUSTOM_VOICES", () => {
    expect(loadConfig({ file: configFile({ voicePresets: presets, customVoices: "/v" }), env: noFileEnv() }).config).toMatchObject({ voicePresets: presets, customVoices: "/v" });
    const env = noFileEnv({ KOKORO_VOICE_PRESETS: JSON.stringify(presets), KOKORO_CUSTOM_VOICES: "/mine" });
    expect(loadConfig({ env }).config).toMatchObject({ voicePresets: presets, customVoices: "/mine" });
  });

  it("customVoiceLanguages: languages by custom voice, from the file or KOKORO_CUSTOM_VOICE_LANGUAGES (JSON), as lang accepts them", () => {
    expect(loadConfig({ env: noFileEnv() }).config.customVoiceLanguages).toEqual({});
    expect(loadConfig({ file: configFile({ customVoiceLanguages: { narrator: "en-GB", abuela: "e" } }), env: noFileEnv() }).config.customVoiceLanguages).toEqual({ narrator: "en-gb", abuela: "es" });
    expect(loadConfig({ env: noFileEnv({ KOKORO_CUSTOM_VOICE_LANGUAGES: '{"narrator": "fr"}' }) }).config.customVoiceLanguages).toEqual({ narrator: "fr-fr" });
    expect(() => loadConfig({ file: configFile({ customVoiceLanguages: { narrator: "de" } }), env: noFileEnv() })).toThrow(/customVoiceLanguages: 'de' is not a language; use one of en-us/);
    expect(() => loadConfig({ env: noFileEnv({ KOKORO_CUSTOM_VOICE_LANGUAGES: "narrator=fr" }) })).toThrow(/KOKORO_CUSTOM_VOICE_LANGUAGES/);
  });

  it("refuse a preset of the wrong shape, naming the setting", () => {
    for (const bad of [{ x: 3 }, { x: { voice: "af_sky", speed: 9 } }, { x: { voice: "af_sky", pitch: 2 } }, { x: "" }]) {
      expect(() => loadConfig({ file: configFile({ voicePresets: bad }), env: noFileEnv() }), JSON.stringify(bad)).toThrow(/voicePresets/);
    }
    expect(() => loadConfig({ env: noFileEnv({ KOKORO_VOICE_PRESETS: "narrator=af_sky" }) })).toThrow(/KOKORO_VOICE_PRESETS \(voicePresets\)/);
  });
});
