import { afterAll, describe, expect, it } from "vitest";
import { createG2P } from "../../src/g2p/index.js";
import { loadVoices } from "../../src/engine/voices/index.js";
import { prepareSpeech, type SpeechJob } from "../../src/pipeline/speech.js";
import { preparePhonemes } from "../../src/pipeline/prepare-phonemes.js";
import type { CallCost } from "../../src/plan/real-time-sizing.js";
import type { PhonemeChunk } from "../../src/plan/types.js";
import { MISAKI_DIR, VOICES_DIR } from "../helpers/paths.js";

const g2p = createG2P({ lexiconDir: MISAKI_DIR });
afterAll(() => g2p.close());

/** One sentence of ~100 words with a comma every 8 words: far more than 200 ids, with clauses to cut at. */
const LONG = Array.from({ length: 12 }, (_, i) => `the quick brown fox number ${i + 1} jumps over the lazy dog`).join(", ") + ".";
const cost: CallCost = { predictMs: (ids) => 20 * ids, idsWithin: (ms) => Math.floor(ms / 20), audioMsPerId: () => 75 };

async function job(maxCallIds: number | undefined, text = LONG): Promise<SpeechJob> {
  const voices = await loadVoices(VOICES_DIR);
  const voice = voices.resolve("af_heart");
  if (!voice.ok) throw new Error(voice.message);
  return { text, voice: voice.voice, speed: 1, lang: "en-us", maxCallIds };
}
const lengths = (chunks: readonly PhonemeChunk[]): number[] => chunks.map((c) => c.ids.length);
async function calls(maxCallIds: number | undefined, planning?: Parameters<typeof prepareSpeech>[2]): Promise<PhonemeChunk[]> {
  const prepared = await prepareSpeech(await job(maxCallIds), g2p, planning);
  return [...prepared.chunks, ...((await prepared.later) ?? [])];
}

describe("maxCallIds", () => {
  it("caps every call, cutting a long sentence at its clauses, with every word kept once", async () => {
    const whole = await calls(undefined, { cost }); // a file (no listener): whole sentences, up to the model's 510
    expect(Math.max(...lengths(whole))).toBeGreaterThan(200);
    for (const planning of [{ cost }, { cost, firstCallMs: 400 }, undefined]) {
      const capped = await calls(120, planning);
      expect(Math.max(...lengths(capped))).toBeLessThanOrEqual(120);
      expect(capped.flatMap((c) => c.words.map((w) => w.text))).toEqual(whole.flatMap((c) => c.words.map((w) => w.text)));
      // Cut at a clause, never mid-clause (a streamed first call is sized to the TTFA budget, and without a cost the
      // first call is at most 48 ids: a few words either way).
      const sizedFirst = planning === undefined || planning.firstCallMs !== undefined;
      for (const c of capped.slice(sizedFirst ? 1 : 0, -1)) expect(c.words.at(-1)!.text, JSON.stringify(lengths(capped))).toBe(",");
    }
  });

  it("caps phoneme input the same way", async () => {
    const phonemes = Array.from({ length: 40 }, () => "ðə kwˈɪk bɹˈWn fˈɑks,").join(" ");
    const prepared = preparePhonemes(await job(64, phonemes), { cost });
    expect(prepared.chunks.length).toBeGreaterThan(1);
    expect(Math.max(...lengths(prepared.chunks))).toBeLessThanOrEqual(64);
  });
});
