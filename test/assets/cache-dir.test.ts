import path from "node:path";
import { describe, expect, it } from "vitest";
import { cachePath, resolveCacheDir } from "../../src/assets/cache-dir.js";

const HOME = "/home/ada";

describe("resolveCacheDir", () => {
  it("uses $KOKORO_HOME first, resolved to an absolute path", () => {
    expect(resolveCacheDir({ KOKORO_HOME: "/data/kokoro", XDG_CACHE_HOME: "/xdg" }, "linux", HOME)).toBe("/data/kokoro");
    expect(resolveCacheDir({ KOKORO_HOME: "rel" }, "linux", HOME)).toBe(path.resolve("rel"));
  });

  it("then $XDG_CACHE_HOME/kokoro-server, ignoring a relative value as the XDG spec says", () => {
    expect(resolveCacheDir({ XDG_CACHE_HOME: "/xdg" }, "linux", HOME)).toBe("/xdg/kokoro-server");
    expect(resolveCacheDir({ XDG_CACHE_HOME: "relative" }, "linux", HOME)).toBe("/home/ada/.cache/kokoro-server");
  });

  it("then the platform cache folder", () => {
    expect(resolveCacheDir({}, "linux", HOME)).toBe("/home/ada/.cache/kokoro-server");
    expect(resolveCacheDir({ KOKORO_HOME: "  " }, "linux", HOME)).toBe("/home/ada/.cache/kokoro-server");
    expect(resolveCacheDir({}, "darwin", HOME)).toBe("/home/ada/Library/Caches/kokoro-server");
  });
});

describe("cachePath", () => {
  it("joins a catalogue file name under the cache dir", () => {
    expect(cachePath("/c", "misaki/us_gold.json")).toBe(path.join("/c", "misaki", "us_gold.json"));
  });
});
