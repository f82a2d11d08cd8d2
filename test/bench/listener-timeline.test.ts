import { describe, expect, it } from "vitest";
import { playTimeline } from "../../bench/listener.js";

// The bench's simulated listener decides what counts as an underrun; it must be right for the figures to mean anything.
const S = 48_000; // bytes per second of s16le 24 kHz mono
describe("playTimeline (bench listener)", () => {
  it("no underrun when audio arrives ahead of the playhead", () => {
    expect(playTimeline([{ atMs: 0, bytes: S }, { atMs: 900, bytes: 2 * S }, { atMs: 1800, bytes: 3 * S }])).toEqual({ underruns: 0, stallSeconds: 0 });
  });

  it("counts a gap and its length, and resumes from where the audio ran out", () => {
    // 1 s of audio, the next second only arrives at 1.5 s: 0.5 s stall; then 1 s more at 2.0 s is on time (playhead at 1.5).
    const r = playTimeline([{ atMs: 0, bytes: S }, { atMs: 1500, bytes: 2 * S }, { atMs: 2000, bytes: 3 * S }]);
    expect(r.underruns).toBe(1);
    expect(r.stallSeconds).toBeCloseTo(0.5, 6);
  });

  it("a pre-roll delays the start and absorbs a gap", () => {
    const arrivals = [{ atMs: 0, bytes: S / 2 }, { atMs: 400, bytes: S }, { atMs: 1300, bytes: 2 * S }];
    expect(playTimeline(arrivals).underruns).toBe(1);
    expect(playTimeline(arrivals, 1).underruns).toBe(0);
  });
});
