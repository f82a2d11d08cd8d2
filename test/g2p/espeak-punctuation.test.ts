import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  ESPEAK_VOICE,
  phonemizeKeepingPunctuation,
  splitOnPunctuation,
  type EspeakPhonemize,
} from "../../src/g2p/espeak-punctuation.js";

/** Stand-in for espeak: every word becomes "s" (a phoneme in both dialects); calls are recorded. */
function fakeEspeak(): { espeak: EspeakPhonemize; calls: Array<[string, string]> } {
  const calls: Array<[string, string]> = [];
  const espeak: EspeakPhonemize = async (text, voice) => {
    calls.push([text, voice]);
    return [text.replace(/[^\s]+/gu, "s")];
  };
  return { espeak, calls };
}

describe("splitOnPunctuation", () => {
  it("alternates word pieces and punctuation runs with their spaces", () => {
    expect(splitOnPunctuation('Hello, world! He said: "no" (really).')).toEqual([
      "Hello",
      ", ",
      "world",
      "! ",
      "He said",
      ': "',
      "no",
      '" (',
      "really",
      ").",
      "",
    ]);
  });

  it("leaves . , : between letters or digits to espeak", () => {
    expect(splitOnPunctuation("pi is 3.14, 1,000 at 12:30 on example.com.")).toEqual([
      "pi is 3.14",
      ", ",
      "1,000 at 12:30 on example.com",
      ".",
      "",
    ]);
  });
});

describe("phonemizeKeepingPunctuation", () => {
  it("keeps Kokoro punctuation in place and sends espeak only the words", async () => {
    const { espeak, calls } = fakeEspeak();
    const out = await phonemizeKeepingPunctuation('He said: "no" (really) — fine… ok; yes!', "en-us", espeak);
    expect(out).toBe('s s: "s" (s) — s… s; s!');
    expect(calls.map(([text]) => text)).toEqual(["He said", "no", "really", "fine", "ok", "yes"]);
  });

  it("maps other brackets and quotes onto Kokoro's and drops ¡ ¿", async () => {
    const { espeak } = fakeEspeak();
    expect(await phonemizeKeepingPunctuation("«a» [b] {c} ¡d! ¿e?", "en-us", espeak)).toBe("“s” (s) (s) s! s?");
  });

  it("separates words by single spaces and trims", async () => {
    const { espeak } = fakeEspeak();
    expect(await phonemizeKeepingPunctuation("  one \n two ,\t three  ", "en-gb", espeak)).toBe("s s , s");
  });

  it("asks espeak for the language's voice", async () => {
    const { espeak, calls } = fakeEspeak();
    await phonemizeKeepingPunctuation("a", "en-us", espeak);
    await phonemizeKeepingPunctuation("a", "en-gb", espeak);
    expect(calls.map(([, voice]) => voice)).toEqual(["en-us", "en"]);
    expect(ESPEAK_VOICE).toEqual({ "en-us": "en-us", "en-gb": "en" });
  });

  it("returns nothing for text without words, and calls espeak for none", async () => {
    const { espeak, calls } = fakeEspeak();
    expect(await phonemizeKeepingPunctuation("", "en-us", espeak)).toBe("");
    expect(await phonemizeKeepingPunctuation(" ... ", "en-us", espeak)).toBe("...");
    expect(calls).toEqual([]);
  });

  it("keeps every punctuation mark, in order, whatever the words between", async () => {
    const { espeak } = fakeEspeak();
    const word = fc.stringMatching(/^[a-z]{1,8}$/);
    const mark = fc.constantFrom(..."; : , . ! ? — … \" ( ) “ ”".split(" "));
    const piece = fc.oneof(word, mark, fc.constantFrom(" ", "  ", "\n"));
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 30 }), async (pieces) => {
        const text = pieces.join(" ");
        const out = await phonemizeKeepingPunctuation(text, "en-us", espeak);
        const marks = (s: string) => [...s].filter((ch) => ';:,.!?—…"()“”'.includes(ch)).join("");
        expect(marks(out)).toBe(marks(text));
        expect(out).not.toMatch(/ {2}|^ | $/u);
      }),
      { numRuns: 300 },
    );
  });
});
