import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SpeechInputError } from "../../../src/pipeline/errors.js";
import { compileDialogue } from "../../../src/pipeline/script/dialogue.js";
import { compileInput, MAX_TOTAL_PAUSE_MS } from "../../../src/pipeline/script/index.js";
import { phonemePieces } from "../../../src/pipeline/script/phoneme-pieces.js";
import { describeGrowth } from "../../text/shape-timing.js";
import { compileGrowth } from "./compile-growth.js";

const base = { voice: "af_heart", speed: 1, lang: null } as const;
const text = (content: string, extra: object = {}) => ({ kind: "text", content, ...base, ...extra });
const compiled = (input: string) => compileInput(input, "text", base);
const segs = (input: string) => {
  const out = compiled(input);
  if (out.kind !== "script") throw new Error("expected a script");
  return out.script.segments;
};
const messageOf = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    if (err instanceof SpeechInputError) return err.message;
    throw err;
  }
  throw new Error("no error");
};

describe("inline tags", () => {
  it("pause, voice and rate tags split the text into segments", () => {
    expect(segs("Hi [pause:1.5s]there[pause:300ms] [voice:bf_emma]Emma [rate:1.5]fast [rate:1]normal")).toEqual([
      text("Hi "), { kind: "pause", ms: 1500 }, text("there"), { kind: "pause", ms: 300 }, text(" "), // a blank between a pause and a voice change is dropped below
      text("Emma ", { voice: "bf_emma" }), text("fast ", { voice: "bf_emma", speed: 1.5 }), text("normal", { voice: "bf_emma" }),
    ].filter((s) => !("content" in s) || s.content.trim() !== ""));
  });

  it("text without a tag is plain text, inline pronunciations and stray brackets included", () => {
    for (const input of ["Say [Kokoro](/kˈOkəɹO/) now", "a [b] c [pause] [pause:] [[voice:", "[voice:\nx]"]) expect(compiled(input)).toEqual({ kind: "plain", text: input });
  });

  it("a voice tag takes a blend; tag names are case-insensitive", () => {
    expect(segs("[VOICE:af_bella(2)+af_sky]hi")).toEqual([text("hi", { voice: "af_bella(2)+af_sky" })]);
  });

  it("refuses a bad value naming the tag and where it is", () => {
    expect(messageOf(() => compiled("ok [rate:fast!] no"))).toBe("tag [rate:fast!] at character 4: 'fast!' is not a rate; use a number (1.2), a percentage (120%, +20%) or x-slow, slow, medium, fast, x-fast");
    expect(messageOf(() => compiled("[pause:12s]x"))).toMatch(/longer than the limit of 10000 ms/u);
    expect(messageOf(() => compiled("x" + "[pause:10s]".repeat(MAX_TOTAL_PAUSE_MS / 10_000 + 1)))).toMatch(/pauses add up to more than the limit/u);
    expect(messageOf(() => compiled("[pause:1s] [pause:2s]"))).toBe("input has nothing to speak");
  });

  it("property: random text without [ or < compiles to exactly that text, on the plain path", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }).filter((s) => !s.includes("[") && !s.includes("<")), (s) => {
        expect(compileInput(s, undefined, base)).toEqual({ kind: "plain", text: s });
        expect(compileInput(s, "text", base)).toEqual({ kind: "plain", text: s });
      }),
    );
  });

  it.each([
    ["unclosed [pause: tags", (n: number) => "[pause:".repeat(n) + "x"],
    ["an endless [voice: tag", (n: number) => "[voice:" + "a".repeat(n * 20)],
    ["a pause after every word", (n: number) => "w [pause:1ms]".repeat(n)],
  ])("is linear in hostile shapes (%s): twice the input takes at most 3× the CPU time (a quadratic step's ratio is 4)", async (name, make) => {
    const g = await compileGrowth(make, (input) => compileInput(input, "text", base), 20_000);
    expect(g.ratio, describeGrowth(name, g)).toBeLessThanOrEqual(3);
  });
});

describe("phoneme input", () => {
  it("collapses white space and names a bad symbol with its position", () => {
    expect(compileInput(" hˈi \n ðɛɹ ", "phonemes", base)).toEqual({ kind: "script", script: { segments: [{ kind: "phonemes", content: "hˈi ðɛɹ", ...base }], ignoredTags: [] } });
    expect(messageOf(() => compileInput("hˈi ðɛɹ3", "phonemes", base))).toBe("invalid phoneme symbol '3' (U+0033) at position 8 of input: not in Kokoro's vocabulary");
  });

  it("becomes pieces the planner cuts at sentence ends, with punctuation as tokens of its own", () => {
    const pieces = phonemePieces("hˈi, ðɛɹ. wˈʌn");
    expect(pieces.map((p) => p.tokens.map((t) => `${t.kind}:${t.phonemes}${t.spaceAfter ? "_" : ""}`))).toEqual([
      ["word:hˈi", "punct:,_", "word:ðɛɹ", "punct:._"],
      ["word:wˈʌn"],
    ]);
    expect(pieces.every((p) => p.breakAfter === "sentence")).toBe(true);
  });
});

describe("dialogue", () => {
  it("gives each turn its voice and index, pause_ms between turns, inline tags inside turns", () => {
    const script = compileDialogue([{ voice: "af_heart", text: "Hi." }, { voice: " am_adam ", text: "Hello [pause:1s] there." }], 400, { speed: 1, lang: null });
    expect(script.segments).toEqual([
      { kind: "text", content: "Hi.", voice: "af_heart", speed: 1, lang: null, turn: 0 },
      { kind: "pause", ms: 400 },
      { kind: "text", content: "Hello ", voice: "am_adam", speed: 1, lang: null, turn: 1 },
      { kind: "pause", ms: 1000 },
      { kind: "text", content: " there.", voice: "am_adam", speed: 1, lang: null, turn: 1 },
    ]);
    expect(messageOf(() => compileDialogue([], 400, { speed: 1, lang: null }))).toBe("turns is empty");
  });

  it("gives a turn its own lang over the request's (null: the voice's), and refuses a bad one by its field", () => {
    const turns = [{ voice: "af_heart", text: "Hi." }, { voice: "af_heart", text: "Hola.", lang: "E" }];
    expect(compileDialogue(turns, 0, { speed: 1, lang: null }).segments.map((s) => s.kind !== "pause" && s.lang)).toEqual([null, "es"]);
    expect(compileDialogue(turns, 0, { speed: 1, lang: "fr-fr" }).segments.map((s) => s.kind !== "pause" && s.lang)).toEqual(["fr-fr", "es"]);
    expect(messageOf(() => compileDialogue([...turns, { voice: "af_heart", text: "x", lang: "de" }], 0, { speed: 1, lang: null }))).toMatch(/^turns\[2\]\.lang: unsupported lang 'de'/u);
  });
});
