import { describe, expect, it } from "vitest";
import { buildCues, buildSentences, formatCaptions, timestamp, wrapLines, type CaptionWord } from "../../src/captions/index.js";

/** Words 0.5 s apart; punctuation after a word as written ("sentence." → word "sentence", punctuation "."). */
function words(text: string): CaptionWord[] {
  return text.split(" ").map((raw, i) => {
    const [, word, punctuation] = /^(.*?)([.,;:!?]*)$/.exec(raw)!;
    return { word: word!, punctuation: punctuation!, start: i * 0.5, end: i * 0.5 + 0.4, endsSentence: /[.!?]/.test(punctuation!) };
  });
}

describe("buildCues", () => {
  it("makes one cue a sentence, starting at its first word", () => {
    const cues = buildCues(words("Hello there. How are you?"));
    expect(cues).toEqual([
      { start: 0, end: 0.9, lines: ["Hello there."] },
      { start: 1, end: 2.4, lines: ["How are you?"] },
    ]);
  });

  it("cuts a long sentence at its clauses, each cue ≤ 2 lines × 42 characters", () => {
    const text = "This sentence is long enough to need two cues, because it keeps going, with clause after clause of words, until it stops.";
    const cues = buildCues(words(text));
    expect(cues.length).toBeGreaterThan(1);
    for (const cue of cues) {
      expect(cue.lines.length).toBeLessThanOrEqual(2);
      for (const line of cue.lines) expect(line.length).toBeLessThanOrEqual(42);
    }
    for (const cue of cues.slice(0, -1)) expect(cue.lines.at(-1)).toMatch(/,$/);
    expect(cues.map((c) => c.lines.join(" ")).join(" ")).toBe(text);
  });

  it("cuts a clause too long for a cue between words, and keeps an over-long word whole", () => {
    const cues = buildCues(words(`${"word ".repeat(40).trim()}.`));
    expect(cues.every((c) => c.lines.every((l) => l.length <= 42) && c.lines.length <= 2)).toBe(true);
    expect(buildCues(words(`${"x".repeat(60)}.`))[0]!.lines).toEqual([`${"x".repeat(60)}.`]);
  });

  it("is linear in the words (a 20,000-word sentence)", () => {
    const many = words(`${"alpha, ".repeat(20_000).trim().replace(/,$/, ".")}`);
    expect(buildCues(many).length).toBeGreaterThan(1000);
  });

  it("balances two lines", () => {
    expect(wrapLines("one two three four five six seven eight nine ten eleven twelve".split(" "))).toEqual([
      "one two three four five six seven",
      "eight nine ten eleven twelve",
    ]);
    expect(wrapLines(Array.from({ length: 30 }, () => "word"))).toBeNull();
  });

  it("gives sentence segments", () => {
    expect(buildSentences(words("Hi. Bye now!"))).toEqual([
      { text: "Hi.", start: 0, end: 0.4 },
      { text: "Bye now!", start: 0.5, end: 1.4 },
    ]);
  });
});

describe("formatCaptions", () => {
  const cues = [
    { start: 0.01, end: 1.5, lines: ["Hello there."] },
    { start: 3661.2345, end: 3662, lines: ["Two", "lines --> here"] },
  ];

  it("writes SubRip", () => {
    expect(formatCaptions(cues, "srt")).toBe("1\n00:00:00,010 --> 00:00:01,500\nHello there.\n\n2\n01:01:01,235 --> 01:01:02,000\nTwo\nlines -> here\n");
  });

  it("writes WebVTT", () => {
    expect(formatCaptions(cues, "vtt")).toBe("WEBVTT\n\n00:00:00.010 --> 00:00:01.500\nHello there.\n\n01:01:01.235 --> 01:01:02.000\nTwo\nlines -> here\n");
    expect(timestamp(-1, ".")).toBe("00:00:00.000");
  });
});
