import { describe, expect, it } from "vitest";
import { AdaptivePreRoll } from "../../src/player/adaptive-preroll.js";
import { RealtimeClock } from "../../src/player/sinks/realtime-clock.js";

describe("RealtimeClock", () => {
  it("advances at 24 kHz while fed, stops when dry and while paused", () => {
    let now = 0;
    const clock = new RealtimeClock(0, () => now);
    clock.write(24_000); // one second
    now = 250;
    expect(clock.played()).toBe(6000);
    clock.pause();
    now = 5000;
    expect(clock.played()).toBe(6000);
    expect(clock.msUntilAhead(0)).toBe(Number.POSITIVE_INFINITY);
    clock.resume();
    expect(clock.msUntilAhead(0)).toBeCloseTo(750, 6);
    now = 6000; // far past the end: it ran dry at 5750
    expect(clock.played()).toBe(24_000);
    expect(clock.ahead()).toBe(0);
    now = 7000;
    clock.write(2400); // starts again from the new audio, not from where the old clock would be
    expect(clock.ahead()).toBe(2400);
    now = 7050;
    expect(clock.played()).toBe(24_000 + 1200);
  });

  it("allows for a player's start latency after running dry, and forgets discarded audio", () => {
    let now = 0;
    const clock = new RealtimeClock(100, () => now);
    clock.write(2400);
    now = 50;
    clock.pause();
    now = 1000;
    clock.resume(); // 50 ms of the latency were left
    now = 1040;
    expect(clock.played()).toBe(0);
    now = 1100;
    expect(clock.played()).toBe(1200);
    clock.discard();
    expect(clock.ahead()).toBe(0);
    expect(clock.played()).toBe(1200);
  });
});

describe("AdaptivePreRoll", () => {
  it("starts small, doubles after an underrun, shrinks after stable playback", () => {
    const p = new AdaptivePreRoll({ initialMs: 80, minMs: 40, maxMs: 1000, stableSeconds: 10 });
    expect(p.samples).toBe(1920);
    p.underrun();
    p.underrun();
    expect(p.samples).toBe(7680);
    p.played(24_000 * 9);
    expect(p.samples).toBe(7680);
    p.played(24_000 * 1);
    expect(p.samples).toBe(5760);
    p.played(24_000 * 200);
    expect(p.samples).toBe(960); // never below the minimum
    for (let i = 0; i < 10; i++) p.underrun();
    expect(p.samples).toBe(24_000); // never above the maximum
  });
});
