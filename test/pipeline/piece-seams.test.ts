import { describe, expect, it } from "vitest";
import { DEFAULT_SEAMS } from "../../src/audio/seams.js";
import type { ResolvedVoice } from "../../src/engine/voices/index.js";
import { PieceSeams } from "../../src/pipeline/piece-seams.js";
import type { SpeechStep } from "../../src/pipeline/speech-steps.js";

const voice: ResolvedVoice = { id: "af_heart", components: [{ name: "af_heart", weight: 1 }], language: "en-us" } as unknown as ResolvedVoice;
const step = (content: string, fields: Partial<SpeechStep> = {}): SpeechStep => ({ kind: "text", content, voice, speed: 1, lang: "en-us", leadMs: 0, ending: "end", ...fields });
const { pauseMs } = DEFAULT_SEAMS;
const leads = (seams: PieceSeams, pieces: readonly (string | [string, Partial<SpeechStep>])[]): number[] =>
  pieces.flatMap((p) => {
    const [text, fields] = typeof p === "string" ? [p, {}] : p;
    return seams.next(text, text.trim() === "" ? [] : [step(text, fields)]).map((s) => s.leadMs);
  });

describe("PieceSeams: the pause before each piece of a text that arrives in pieces", () => {
  it("adds the rest of the sentence or paragraph pause after the end seam, nothing inside a sentence or before the first", () => {
    const seams = new PieceSeams("text", { lang: "en-us" }, pauseMs);
    expect(leads(seams, ["Hello there.", " How are", " you?", "\n\n", "New paragraph."])).toEqual([0, pauseMs.sentence - pauseMs.none, 0, pauseMs.paragraph - pauseMs.none]);
  });

  it("keeps a piece's own pause exactly: one it starts with, or one the piece before ended on", () => {
    const seams = new PieceSeams("text", { lang: "en-us" }, pauseMs);
    expect(leads(seams, ["One.", [" Two.", { leadMs: 800 }], [" Three.", { ending: 500 }], " Four.", " Five."])).toEqual([0, 800, pauseMs.sentence - pauseMs.none, 0, pauseMs.sentence - pauseMs.none]);
  });

  it("cuts phonemes at sentence marks only, and leaves SSML documents as they are", () => {
    expect(leads(new PieceSeams("phonemes", { lang: "en-us" }, pauseMs), ["hˈɛlO. ", "wˈɜɹld", " ænd mˈɔɹ."])).toEqual([0, pauseMs.sentence - pauseMs.none, 0]);
    expect(leads(new PieceSeams("ssml", { lang: "en-us" }, pauseMs), ["<speak>One.</speak>", "<speak>Two.</speak>"])).toEqual([0, 0]);
  });

  it("follows the configured pauses (never a negative lead)", () => {
    const seams = new PieceSeams("text", { lang: "en-us" }, { ...pauseMs, sentence: 10, paragraph: 1000 });
    expect(leads(seams, ["One.", " Two.", "\n\nThree."])).toEqual([0, 0, 1000 - pauseMs.none]);
  });
});
