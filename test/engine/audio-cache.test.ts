import { describe, expect, it } from "vitest";
import { AudioCache } from "../../src/engine/audio-cache.js";
import { resolveVoice } from "../../src/engine/voices/index.js";

const output = (n: number, fill = 0.5) => ({ audio: new Float32Array(n).fill(fill), durations: null, inferMs: 1 });

/** A lone voice, as resolveVoice gives it. */
const voice = (name: string) => ({ components: [{ name, weight: 1 }] });
const catalog = { has: (n: string) => ["af_bella", "af_sky", "af_heart"].includes(n), names: () => ["af_bella", "af_heart", "af_sky"] };
const blend = (spec: string) => {
  const resolved = resolveVoice(spec, catalog);
  if (!resolved.ok) throw new Error(resolved.message);
  return resolved.voice;
};

describe("AudioCache", () => {
  it("keys on model, voice, speed and tokens", () => {
    const keys = new Set([
      AudioCache.key("m", voice("af_heart"), 1, [1, 2]),
      AudioCache.key("m2", voice("af_heart"), 1, [1, 2]),
      AudioCache.key("m", voice("af_bella"), 1, [1, 2]),
      AudioCache.key("m", voice("af_heart"), 1.5, [1, 2]),
      AudioCache.key("m", voice("af_heart"), 1, [12]),
    ]);
    expect(keys.size).toBe(5);
  });

  it("keys a blend by its exact weights: blends that differ in the 4th digit share an id, never a key", () => {
    const a = blend("af_bella(1)+af_sky(1)");
    const b = blend("af_bella(1)+af_sky(1.0001)");
    expect(a.id).toBe(b.id); // the id rounds to 3 digits: af_bella(0.5)+af_sky(0.5)
    expect(AudioCache.key("m", a, 1, [1, 2])).not.toBe(AudioCache.key("m", b, 1, [1, 2]));
    const c = blend("af_bella(0.6667)+af_sky(0.3333)");
    const d = blend("af_bella(0.6668)+af_sky(0.3332)");
    expect(c.id).toBe(d.id);
    expect(AudioCache.key("m", c, 1, [1])).not.toBe(AudioCache.key("m", d, 1, [1]));
    // The same mix however it is written (order, repeats, scale) is the same audio: one key.
    expect(AudioCache.key("m", blend("af_sky+af_bella"), 1, [1])).toBe(AudioCache.key("m", blend("af_bella(2)+af_sky(2)"), 1, [1]));
    expect(AudioCache.key("m", blend("af_bella-af_sky(0.3)"), 1, [1])).not.toBe(AudioCache.key("m", blend("af_bella-af_sky(0.3001)"), 1, [1]));
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
