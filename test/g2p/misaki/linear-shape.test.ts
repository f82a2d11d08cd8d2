import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_WORD_CHARS } from "../../../src/g2p/misaki/compound.js";
import { WordLookup } from "../../../src/g2p/misaki/lookup.js";
import { MisakiG2P } from "../../../src/g2p/misaki/misaki-g2p.js";
import type { Lang } from "../../../src/text/lang.js";
import { planChunks, type PhonemizedPiece } from "../../../src/plan/plan-chunks.js";
import { realTimeSizes } from "../../../src/plan/real-time-sizing.js";
import { CallPlanner } from "../../../src/plan/call-planner.js";
import { normalizeText } from "../../../src/text/index.js";
import { HOSTILE_SHAPES } from "../../text/hostile-shapes.js";
import { describeGrowth, growth } from "../../text/shape-timing.js";
import { RecordingFallback, sharedStore } from "./misaki-helpers.js";

// The server's default maxInputChars is 10,000: n = 5,000 against 2n = 10,000.
const N = 5_000;

/** A fallback that answers every word the same way and keeps nothing (the timed runs call it often). */
const quietFallback = { phonemize: async (): Promise<string> => "fˈɔlbæk", close: async (): Promise<void> => {} };
const g2p = new MisakiG2P({ lexicons: sharedStore, fallback: quietFallback });
beforeAll(() => g2p.tokens("Warm up the lexicon.", "en-us"));
afterAll(() => g2p.close());

describe("MisakiG2P.tokens time grows linearly with one long piece, whatever its shape (5k vs 10k characters)", () => {
  it.each(Object.entries(HOSTILE_SHAPES))("%s", async (name, shape) => {
    const g = await growth((text: string) => g2p.tokens(text, "en-us"), shape(N), shape(2 * N), { next: shape(4 * N) });
    expect(g.ratio, describeGrowth(name, g)).toBeLessThanOrEqual(3);
  });
});

async function phonemized(text: string): Promise<PhonemizedPiece[]> {
  const out: PhonemizedPiece[] = [];
  for (const piece of normalizeText(text, { lang: "en-us" })) out.push({ tokens: await g2p.tokens(piece.text, "en-us"), breakAfter: piece.breakAfter });
  return out;
}

/** The same pieces twice over: exactly twice the input for the planner. */
function doubled(pieces: readonly PhonemizedPiece[]): PhonemizedPiece[] {
  const [only] = pieces;
  if (pieces.length === 1 && only !== undefined) return [{ ...only, tokens: [...only.tokens, ...only.tokens] }];
  return [...pieces, ...pieces];
}

describe("planChunks time grows linearly with its input, whatever its shape (5k characters of text vs twice their tokens)", () => {
  it.each(Object.entries(HOSTILE_SHAPES))("%s", async (name, shape) => {
    const pieces = await phonemized(shape(N));
    const g = await growth((p: readonly PhonemizedPiece[]) => planChunks(p), pieces, doubled(pieces));
    expect(g.ratio, describeGrowth(name, g)).toBeLessThanOrEqual(3);
  });

  it("stays linear on one word of tens of thousands of phonemes (a spelled run of letters), split across calls", async () => {
    const word = (n: number): PhonemizedPiece[] => [{ tokens: [{ text: "x", phonemes: "bɑ".repeat(n / 2), kind: "word", spaceAfter: false }], breakAfter: "sentence" }];
    expect(planChunks(word(40_000)).map((c) => c.phonemes).join("")).toBe("bɑ".repeat(20_000));
    const g = await growth((p: readonly PhonemizedPiece[]) => planChunks(p), word(40_000), word(80_000));
    expect(g.ratio, describeGrowth("one long word", g)).toBeLessThanOrEqual(3);
  });

  it("stays linear with sizing from the measured cost and many small calls", async () => {
    const pieces = await phonemized(HOSTILE_SHAPES["ordinary prose"]!(2 * N));
    const cost = { predictMs: (ids: number) => 2 + ids * 0.1, idsWithin: (ms: number) => Math.floor((ms - 2) / 0.1) };
    // A fresh sizer per plan, as the pipeline makes one per request.
    const plan = (p: readonly PhonemizedPiece[]) => new CallPlanner(realTimeSizes({ cost, speed: 1, firstCallMs: 100, maxIds: 16 }), 16).add(p, true);
    expect(plan(pieces).length).toBeGreaterThan(1000);
    const g = await growth(plan, pieces, doubled(pieces));
    expect(g.ratio, describeGrowth("cost-sized plan", g)).toBeLessThanOrEqual(3);
  });
});

describe(`words longer than ${MAX_WORD_CHARS} characters`, () => {
  const phonemes = async (text: string, lang: Lang = "en-us") => {
    const fallback = new RecordingFallback();
    const tokens = await new MisakiG2P({ lexicons: sharedStore, fallback }).tokens(text, lang);
    return { phonemes: tokens.map((t) => t.phonemes), asked: fallback.calls.map(([word]) => word) };
  };

  it("are read part by part, split at hyphens and case changes", async () => {
    const hyphens = await phonemes("well-known-".repeat(8) + "end");
    expect(hyphens.phonemes).toEqual([`${"wˈɛl nˈOn ".repeat(8)}ˈɛnd`]);
    const camel = await phonemes("Ab".repeat(40));
    expect(camel.phonemes).toEqual([Array(40).fill("ˈɑb").join(" ")]);
    expect(hyphens.asked).toEqual([]);
  });

  it("send only their unknown parts to the fallback, never the whole word", async () => {
    const { phonemes: ps, asked } = await phonemes("xyzzy-".repeat(12) + "plugh");
    expect(new Set(asked)).toEqual(new Set(["xyzzy", "plugh"]));
    expect(ps[0]?.split(" ")).toHaveLength(13);
  });

  it("are spelled when they are one run of letters", async () => {
    const word = "qwrt".repeat(20);
    const { phonemes: ps, asked } = await phonemes(word);
    expect(asked).toEqual([]);
    expect(ps).toEqual([new WordLookup(await sharedStore.get("en-us")).spell(word)]);
    expect(ps[0]).toMatch(/^kjˌudˌʌbᵊljuˌɑɹtˌi/u);
  });

  it("go to the fallback in pieces of at most the limit when they cannot be spelled", async () => {
    const { asked } = await phonemes("жабвгд".repeat(30));
    expect(asked.length).toBeGreaterThan(1);
    for (const word of asked) expect(word.length).toBeLessThanOrEqual(MAX_WORD_CHARS);
    expect(asked.join("")).toBe("жабвгд".repeat(30));
  });

  it("leave shorter words as before: a 13-part lexicon entry is still found whole", async () => {
    expect((await phonemes("what-you-see-is-what-you-get")).phonemes).toEqual(["wˌʌtjəsˈiɪswˌʌtjəɡˌɛt"]);
    expect((await phonemes("a-".repeat(30) + "a")).asked).toEqual([]);
  });
});
