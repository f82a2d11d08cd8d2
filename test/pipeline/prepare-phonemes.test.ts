import { describe, expect, it } from "vitest";
import type { ResolvedVoice } from "../../src/engine/voices/index.js";
import { phonemesToIds } from "../../src/g2p/vocab.js";
import { preparePhonemes } from "../../src/pipeline/prepare-phonemes.js";
import type { CallCost } from "../../src/plan/real-time-sizing.js";

/** A machine where a call costs 20 ms per id: a 400 ms first-call budget holds about 20 ids. */
const cost: CallCost = { predictMs: (ids) => 20 * ids, idsWithin: (ms) => Math.floor(ms / 20) };
const voice = { id: "af_heart", components: [{ name: "af_heart", weight: 1 }], language: "en-us" } as unknown as ResolvedVoice;
const job = (text: string) => ({ text, voice, speed: 1, lang: "en-us" as const });

describe("preparePhonemes", () => {
  const sentence = "ðə kwˈɪk bɹˈWn fˈɑks ʤˈʌmps ˈOvəɹ ðə lˈAzi dˈɔɡ, ænd ðə bˈænd plˈAz ˈɔn.";
  const text = Array.from({ length: 6 }, () => sentence).join(" ");

  it("plans every phoneme into calls in order, nothing lost", () => {
    const prepared = preparePhonemes(job(text));
    expect(prepared.later).toBeNull();
    const spoken = prepared.chunks.flatMap((c) => [...c.ids, 16]);
    expect(spoken.slice(0, -1)).toEqual(phonemesToIds(text));
  });

  it("sizes the first call by the first-audio budget, as it does for text", () => {
    const prepared = preparePhonemes(job(text), { cost, firstCallMs: 400 });
    expect(prepared.chunks[0]!.ids.length).toBeLessThanOrEqual(400 / 20);
    expect(prepared.chunks.length).toBeGreaterThan(1);
    const roomy = preparePhonemes(job(text), { cost, firstCallMs: 4000 });
    expect(roomy.chunks[0]!.ids.length).toBeGreaterThan(prepared.chunks[0]!.ids.length);
  });
});
