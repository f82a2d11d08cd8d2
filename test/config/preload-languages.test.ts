import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.js";
import { configFile, noFileEnv } from "../helpers/config-env.js";

describe("preloadLanguages (KOKORO_PRELOAD_LANGUAGES)", () => {
  it("is background by default", () => {
    expect(loadConfig({ env: noFileEnv() }).config.preloadLanguages).toBe("background");
  });

  it.each([
    ["lazy", "lazy"],
    ["background", "background"],
    ["ja", ["ja"]],
    ["ja, fr,PT_br", ["ja", "fr-fr", "pt-br"]],
    ["j,z", ["ja", "zh"]],
  ])("reads %j from the environment", (value, expected) => {
    expect(loadConfig({ env: noFileEnv({ KOKORO_PRELOAD_LANGUAGES: value }) }).config.preloadLanguages).toEqual(expected);
  });

  it("takes a word or a JSON array of languages in a config file", () => {
    expect(loadConfig({ file: configFile({ preloadLanguages: "lazy" }), env: noFileEnv() }).config.preloadLanguages).toBe("lazy");
    expect(loadConfig({ file: configFile({ preloadLanguages: ["zh", "es"] }), env: noFileEnv() }).config.preloadLanguages).toEqual(["zh", "es"]);
    expect(loadConfig({ file: configFile({ preloadLanguages: [] }), env: noFileEnv() }).config.preloadLanguages).toEqual([]);
  });

  it("refuses anything else, naming the setting and what it takes", () => {
    expect(() => loadConfig({ env: noFileEnv({ KOKORO_PRELOAD_LANGUAGES: "klingon" }) })).toThrow(/KOKORO_PRELOAD_LANGUAGES \(preloadLanguages\).*"background", "lazy" or a list of languages/);
    expect(() => loadConfig({ env: noFileEnv({ KOKORO_PRELOAD_LANGUAGES: "ja,lazy" }) })).toThrow(/preloadLanguages/);
    expect(() => loadConfig({ file: configFile({ preloadLanguages: 3 }), env: noFileEnv() })).toThrow(/preloadLanguages.*not 3/);
    expect(() => loadConfig({ file: configFile({ preloadLanguages: ["ja", 1] }), env: noFileEnv() })).toThrow(/preloadLanguages/);
  });
});
