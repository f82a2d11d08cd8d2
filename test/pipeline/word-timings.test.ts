import { describe, expect, it } from "vitest";
import { phonemesToIds } from "../../src/g2p/vocab.js";
import { planChunks } from "../../src/plan/plan-chunks.js";
import { wordTimings } from "../../src/pipeline/word-timings.js";

const chunk = planChunks([
  {
    tokens: [
      { text: "Hello", phonemes: "həlˈO", kind: "word", spaceAfter: false },
      { text: ",", phonemes: ",", kind: "punct", spaceAfter: true },
      { text: "world", phonemes: "wˈɜɹld", kind: "word", spaceAfter: false },
      { text: ".", phonemes: ".", kind: "punct", spaceAfter: false },
    ],
    breakAfter: "sentence",
  },
])[0]!;

describe("wordTimings", () => {
  it("spreads the audio evenly over the tokens when the model gives no durations, and says so", () => {
    const positions = chunk.ids.length + 2;
    expect(chunk.ids).toEqual(phonemesToIds("həlˈO, wˈɜɹld."));
    const { words, estimated } = wordTimings(chunk, 10, positions * 0.025, null);
    expect(estimated).toBe(true);
    // "Hello" is tokens 0..5 (after the pad at position 0): 25 ms a token.
    expect(words).toEqual([
      { word: "Hello", start: 10.025, end: 10.15 },
      { word: "world", start: 10.2, end: 10.35 },
    ]);
  });

  it("uses the model's per-token durations when it has them", () => {
    const positions = chunk.ids.length + 2;
    const durations = new Float32Array(positions).fill(1);
    durations[1] = 5; // a long "h"
    const audioS = (positions + 4) * 0.025;
    const { words, estimated } = wordTimings(chunk, 0, audioS, durations);
    expect(estimated).toBe(false);
    expect(words[0]).toEqual({ word: "Hello", start: 0.025, end: 0.25 });
    for (const w of words) {
      expect(w.end).toBeGreaterThan(w.start);
      expect(w.end).toBeLessThanOrEqual(audioS);
    }
  });
});
