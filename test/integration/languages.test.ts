import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeFixtureCalls } from "../helpers/fixture-audio.js";
import { parseWav, postSpeech, startTestServer, type TestServer } from "../helpers/test-server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

async function devPhonemize(input: string, lang: string): Promise<{ status: number; body: { phonemes: string; tokens: number[]; error?: { message: string } } }> {
  const res = await fetch(`${server.url}/dev/phonemize`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ input, lang }) });
  return { status: res.status, body: (await res.json()) as { phonemes: string; tokens: number[] } };
}

const SPACE = 16;

/**
 * The token ids the fixture model's audio carries (each call is one tone per id), pads dropped and calls joined by
 * the space the planner drops at a cut: what /dev/phonemize shows for the same text.
 */
async function spokenIds(body: Record<string, unknown>): Promise<number[]> {
  const res = await postSpeech(server.url, { response_format: "wav", stream: false, ...body });
  expect(res.status).toBe(200);
  const wav = parseWav(Buffer.from(await res.arrayBuffer()));
  return decodeFixtureCalls(wav.samples).flatMap((c, i) => (i === 0 ? c.ids : [SPACE, ...c.ids]));
}

const SAMPLES = [
  ["es", "ef_dora", "Hola, ¿cómo estás? Tengo 23 años."],
  ["fr-fr", "ff_siwis", "Bonjour, comment allez-vous ? J'ai 42 ans."],
  ["hi", "hf_alpha", "नमस्ते, आप कैसे हैं? मेरा नाम राम है।"],
  ["it", "im_nicola", "Ciao, come stai? Ho 35 anni."],
  ["pt-br", "pf_dora", "Olá, tudo bem? Eu tenho 28 anos."],
  ["ja", "jf_alpha", "こんにちは、世界。「本当？」と彼は言った。3月15日、100円です。"],
  ["zh", "zf_xiaobei", "你好，世界。“好吗？”他说。我有3个苹果，价格是12.5元。"],
] as const;

describe.each(SAMPLES)("%s end to end (fixture model, %s)", (lang, voice, text) => {
  it("speaks exactly the tokens /dev/phonemize shows, in the voice's own language by default", async () => {
    const shown = await devPhonemize(text, lang);
    expect(shown.status).toBe(200);
    expect(shown.body.tokens.length).toBeGreaterThan(10);
    // No lang: the voice's prefix decides.
    expect(await spokenIds({ input: text, voice })).toEqual(shown.body.tokens);
  });
});

describe("languages through the API", () => {
  it("reads with the lang asked for, not the voice's, when one is sent (cross-lingual)", async () => {
    const text = "Tengo dos gatos.";
    const spanish = (await devPhonemize(text, "e")).body.tokens;
    const english = (await devPhonemize(text, "en-us")).body.tokens;
    expect(spanish).not.toEqual(english);
    expect(await spokenIds({ input: text, voice: "af_heart", lang: "es" })).toEqual(spanish);
    expect(await spokenIds({ input: text, voice: "ef_dora", lang: "a" })).toEqual(english);
  });

  it.each([
    ["af_heart", "ja", "こんにちは。"],
    ["af_heart", "cmn", "你好。"],
    ["jf_alpha", "z", "你好。"],
  ])("reads %s with lang %s in that language, never as English", async (voice, lang, text) => {
    const shown = await devPhonemize(text, lang);
    expect(shown.status).toBe(200);
    expect(shown.body.phonemes).toMatch(/[ɲʨβɕ↓→↗↘ɴː]/u);
    expect(await spokenIds({ input: text, voice, lang })).toEqual(shown.body.tokens);
  });

  it("refuses an unknown lang with the valid ones listed", async () => {
    const res = await postSpeech(server.url, { input: "Hallo.", voice: "af_heart", lang: "de" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/unsupported lang 'de'; use one of: en-us, en-gb, es, fr-fr, hi, it, ja, pt-br, zh/u);
  });

  it("lists every voice's language and its name", async () => {
    const res = await fetch(`${server.url}/v1/audio/voices`);
    const body = (await res.json()) as { details: Array<{ id: string; language: string; language_name: string }> };
    const byId = new Map(body.details.map((d) => [d.id, d]));
    expect(byId.get("ff_siwis")).toMatchObject({ language: "fr-fr", language_name: "French" });
    expect(byId.get("hm_omega")).toMatchObject({ language: "hi", language_name: "Hindi" });
    expect(byId.get("pm_alex")).toMatchObject({ language: "pt-br", language_name: "Portuguese (Brazil)" });
    expect(byId.get("zf_xiaobei")).toMatchObject({ language: "zh", language_name: "Mandarin Chinese" });
    expect(byId.get("bf_emma")).toMatchObject({ language: "en-gb", language_name: "English (UK)" });
    for (const d of body.details) expect(d.language_name).not.toBe("");
  });
});
