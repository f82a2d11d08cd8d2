import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/load.js";
import { DEFAULT_MAX_CALL_IDS } from "../../src/config/schema.js";
import { SENTENCE_PACK_IDS } from "../../src/plan/real-time-sizing.js";
import { configFile, noFileEnv } from "../helpers/config-env.js";

describe("loadConfig", () => {
  it("has the documented defaults", () => {
    const { config, file } = loadConfig({ env: noFileEnv() });
    expect(file).toBeNull();
    expect(config.host).toBe("127.0.0.1");
    expect(config.port).toBe(8880);
    expect(config.maxInputChars).toBe(10_000);
    expect(config.defaultVoice).toBe("af_heart");
    expect(config.model).toBeUndefined();
  });

  it("layers defaults < file < env < flags", () => {
    const file = configFile({ port: 1111, host: "0.0.0.0", defaultVoice: "bf_emma", maxInputChars: 50 });
    const env = noFileEnv({ KOKORO_PORT: "2222", KOKORO_DEFAULT_VOICE: "am_adam" });
    const { config } = loadConfig({ file, env, flags: { port: "3333", host: undefined } });
    expect(config.port).toBe(3333); // flag beats env and file
    expect(config.defaultVoice).toBe("am_adam"); // env beats file
    expect(config.host).toBe("0.0.0.0"); // file beats default; an undefined flag is ignored
    expect(config.maxInputChars).toBe(50);
  });

  it("reads $KOKORO_CONFIG and the XDG config file", () => {
    const file = configFile({ port: 4444 });
    expect(loadConfig({ env: noFileEnv({ KOKORO_CONFIG: file }) }).config.port).toBe(4444);
    const xdg = mkdtempSync(path.join(os.tmpdir(), "kokoro-xdg-"));
    const dir = path.join(xdg, "kokoro-server");
    mkdirSync(dir);
    writeFileSync(path.join(dir, "config.json"), JSON.stringify({ port: 5555 }));
    const loaded = loadConfig({ env: { XDG_CONFIG_HOME: xdg } });
    expect(loaded.config.port).toBe(5555);
    expect(loaded.file).toBe(path.join(dir, "config.json"));
  });

  it("names the source of a bad value", () => {
    expect(() => loadConfig({ env: noFileEnv({ KOKORO_PORT: "99999" }) })).toThrow(/KOKORO_\* environment.*port/);
    expect(() => loadConfig({ env: noFileEnv(), flags: { maxInputChars: "-3" } })).toThrow(/command-line flags.*maxInputChars/);
    const file = configFile({ prot: 1 });
    expect(() => loadConfig({ file, env: noFileEnv() })).toThrow(ConfigError);
    expect(() => loadConfig({ file, env: noFileEnv() })).toThrow(/config file/);
  });

  it("rejects a config file that is not JSON", () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "kokoro-cfg-")), "config.json");
    writeFileSync(file, "port = 1");
    expect(() => loadConfig({ file, env: noFileEnv() })).toThrow(/not a JSON object/);
  });

  it("has explicit HTTP timeouts and reads them, and allowedHosts, from the environment", () => {
    const defaults = loadConfig({ env: noFileEnv() }).config;
    expect(defaults).toMatchObject({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 72_000, idleTimeoutMs: 0, allowedHosts: [] });
    const env = noFileEnv({
      KOKORO_HEADERS_TIMEOUT_MS: "2000",
      KOKORO_REQUEST_TIMEOUT_MS: "5000",
      KOKORO_KEEP_ALIVE_TIMEOUT_MS: "3000",
      KOKORO_IDLE_TIMEOUT_MS: "60000",
      KOKORO_ALLOWED_HOSTS: "kokoro.lan, .example.org",
    });
    expect(loadConfig({ env }).config).toMatchObject({
      headersTimeoutMs: 2000,
      requestTimeoutMs: 5000,
      keepAliveTimeoutMs: 3000,
      idleTimeoutMs: 60_000,
      allowedHosts: ["kokoro.lan", ".example.org"],
    });
  });

  it("refuses a headers timeout longer than the request timeout, naming both keys", () => {
    expect(() => loadConfig({ env: noFileEnv(), flags: { headersTimeoutMs: 40_000 } })).toThrow(/headersTimeoutMs \(40000\) must not exceed requestTimeoutMs \(30000\)/);
    expect(loadConfig({ env: noFileEnv(), flags: { headersTimeoutMs: 40_000, requestTimeoutMs: 0 } }).config.headersTimeoutMs).toBe(40_000);
    expect(() => loadConfig({ env: noFileEnv({ KOKORO_HEADERS_TIMEOUT_MS: "0" }) })).toThrow(/headersTimeoutMs/);
  });

  it("caps a call by default at the size sentence packing stops at, so a long sentence makes no larger call", () => {
    expect(DEFAULT_MAX_CALL_IDS).toBe(SENTENCE_PACK_IDS);
  });

  it("reads maxCallIds (default 160, 32 – 510) and mappedWeights (default on)", () => {
    expect(loadConfig({ env: noFileEnv() }).config).toMatchObject({ maxCallIds: 160, mappedWeights: true });
    expect(loadConfig({ env: noFileEnv({ KOKORO_MAX_CALL_IDS: "160", KOKORO_MAPPED_WEIGHTS: "false" }) }).config).toMatchObject({ maxCallIds: 160, mappedWeights: false });
    expect(() => loadConfig({ env: noFileEnv({ KOKORO_MAX_CALL_IDS: "600" }) })).toThrow(/maxCallIds|KOKORO_MAX_CALL_IDS/);
  });

  it("parses booleans from the environment", () => {
    expect(loadConfig({ env: noFileEnv({ KOKORO_AUTO_DOWNLOAD: "false" }) }).config.autoDownload).toBe(false);
    expect(loadConfig({ env: noFileEnv({ KOKORO_AUTO_DOWNLOAD: "1" }) }).config.autoDownload).toBe(true);
  });
});
