import { describe, expect, it } from "vitest";
import { AudioCache } from "../../src/engine/audio-cache.js";

const output = (n: number, fill = 0.5) => ({ audio: new Float32Array(n).fill(fill), durations: null, inferMs: 1 });

describe("AudioCache", () => {
  it("keys on model, voice, speed and tokens", () => {
    const keys = new Set([
      AudioCache.key("m", "af_heart", 1, [1, 2]),
      AudioCache.key("m2", "af_heart", 1, [1, 2]),
      AudioCache.key("m", "af_bella", 1, [1, 2]),
      AudioCache.key("m", "af_heart", 1.5, [1, 2]),
      AudioCache.key("m", "af_heart", 1, [12]),
    ]);
    expect(keys.size).toBe(5);
  });

  it("counts hits and misses and returns what was stored", () => {
    const cache = new AudioCache(1024);
    expect(cache.get("a")).toBeUndefined();
    cache.set("a", output(10, 0.25));
    expect(cache.get("a")!.audio[3]).toBe(0.25);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, entries: 1, bytes: 40 });
  });

  it("evicts the least recently used entries to stay within its byte budget", () => {
    const cache = new AudioCache(100 * 4);
    cache.set("a", output(40));
    cache.set("b", output(40));
    cache.get("a"); // a is now more recent than b
    cache.set("c", output(40));
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBeDefined();
    expect(cache.get("c")).toBeDefined();
    expect(cache.stats().bytes).toBeLessThanOrEqual(400);
    cache.set("huge", output(1000));
    expect(cache.get("huge")).toBeUndefined();
  });
});
