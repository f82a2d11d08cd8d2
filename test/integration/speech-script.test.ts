import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { phonemesToIds } from "../../src/g2p/vocab.js";
import { decodeFixtureCalls, fixtureAmplitude, samplesPerToken, type DecodedCall } from "../helpers/fixture-audio.js";
import { parseWav, plannedChunks, postSpeech, startTestServer, voiceStyle00, type TestServer } from "../helpers/test-server.js";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ voicePresets: { grandpa: { voice: "am_adam", speed: 2 } } });
});
afterAll(async () => {
  await server?.close();
});

/** The silence the seams keep around each call's sound: 10 ms after the last tone, 10 ms before the next. */
const EDGES = 480;
const idsOf = async (text: string, lang: "en-us" | "en-gb" = "en-us"): Promise<string[]> =>
  (await plannedChunks(server.services.frontEnd, text, lang)).map((c) => c.ids.join(" "));
const wavOf = async (res: Response) => parseWav(Buffer.from(await res.arrayBuffer())).samples;
const gap = (calls: readonly DecodedCall[], k: number): number => calls[k + 1]!.start - calls[k]!.end;
/** An inserted pause of `ms`: exactly ms × 24 samples, plus the edges, within one token frame. */
const expectPause = (calls: readonly DecodedCall[], k: number, ms: number): void => {
  expect(Math.abs(gap(calls, k) - (ms * 24 + EDGES))).toBeLessThan(samplesPerToken(1));
};
/** Where the first silence of at least 100 ms after some sound ends: the seam between the first two steps. */
const endOfFirstPause = (samples: Int16Array): number => {
  let heard = false;
  let quiet = 0;
  for (let i = 0; i < samples.length; i++) {
    if (samples[i] !== 0) {
      if (heard && quiet >= 2400) return i - 1;
      heard = true;
      quiet = 0;
    } else quiet++;
  }
  throw new Error("no pause found");
};
const expectVoice = (call: DecodedCall, voice: string): void => {
  expect(call.amplitudes[0]).toBeCloseTo(fixtureAmplitude(voiceStyle00(voice, call.ids.length)), 3);
};

describe("inline tags (fixture model, decoded audio)", () => {
  it("inserts exact pauses, switches voices and keeps the order of every call", async () => {
    const res = await postSpeech(server.url, {
      input: "Hello there. [pause:1.5s] [voice:am_adam]Goodbye now. [pause:300ms] [voice:bf_emma]Last words.",
      voice: "af_heart",
      response_format: "wav",
      stream: false,
    });
    expect(res.status).toBe(200);
    const calls = decodeFixtureCalls(await wavOf(res));
    expect(calls.map((c) => c.ids.join(" "))).toEqual([...(await idsOf("Hello there.")), ...(await idsOf("Goodbye now.")), ...(await idsOf("Last words.", "en-gb"))]); // a British voice reads British English
    expect(calls).toHaveLength(3);
    expectPause(calls, 0, 1500);
    expectPause(calls, 1, 300);
    expectVoice(calls[0]!, "af_heart");
    expectVoice(calls[1]!, "am_adam");
    expectVoice(calls[2]!, "bf_emma");
  });

  it("speaks [rate:2] at twice the speed, and a literal [ that is no tag as text", async () => {
    const res = await postSpeech(server.url, { input: "[rate:2]Fast words [sic] here.", voice: "af_heart", response_format: "pcm", stream: false });
    expect(res.status).toBe(200);
    const pcm = Buffer.from(await res.arrayBuffer());
    const samples = new Int16Array(pcm.buffer, pcm.byteOffset, pcm.length / 2);
    const calls = decodeFixtureCalls(samples, { speed: 2 });
    expect(calls.map((c) => c.ids.join(" "))).toEqual(await idsOf("Fast words [sic] here."));
  });

  it("a voice preset named in a tag brings its speed when the request sets none, and only then", async () => {
    const text = "Hello there. [voice:grandpa]Slow words.";
    const pcm = async (body: object) => {
      const res = await postSpeech(server.url, { input: text, voice: "af_heart", response_format: "wav", stream: false, ...body });
      expect(res.status).toBe(200);
      return wavOf(res);
    };
    // Speed 1 for af_heart, then the preset's 2 for grandpa: decode each half at its own speed.
    const audio = await pcm({});
    const cut = endOfFirstPause(audio);
    expect(decodeFixtureCalls(audio.subarray(0, cut), { speed: 1 }).map((c) => c.ids.join(" "))).toEqual(await idsOf("Hello there."));
    const rest = decodeFixtureCalls(audio.subarray(cut), { speed: 2 });
    expect(rest.map((c) => c.ids.join(" "))).toEqual(await idsOf("Slow words."));
    expectVoice(rest[0]!, "am_adam");
    // An explicit speed wins over the preset's.
    const explicit = decodeFixtureCalls(await pcm({ speed: 1 }), { speed: 1 });
    expect(explicit.map((c) => c.ids.join(" "))).toEqual([...(await idsOf("Hello there.")), ...(await idsOf("Slow words."))]);
  });

  it("refuses a tag with a bad value or an unknown voice with a 400 before any audio", async () => {
    const bad = await postSpeech(server.url, { input: "Hi [pause:forever] there" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/at character 4.*not a duration/u);
    const voice = await postSpeech(server.url, { input: "Hi [voice:zz_nobody] there" });
    expect(voice.status).toBe(400);
    expect(((await voice.json()) as { error: { code: string } }).error.code).toBe("invalid_voice");
  });
});

describe("SSML (fixture model, decoded audio)", () => {
  it("speaks breaks, voices, prosody, phonemes, sub and say-as in order", async () => {
    const ssml = [
      '<speak>Hello there.<break time="700ms"/>',
      '<voice name="am_adam">Say <phoneme alphabet="ipa" ph="kˈOkəɹO">Kokoro</phoneme> now.</voice>',
      '<break strength="strong"/>',
      '<s>The <sub alias="World Wide Web">WWW</sub> is number <say-as interpret-as="cardinal">42</say-as></s>',
      "</speak>",
    ].join("");
    const res = await postSpeech(server.url, { input: ssml, voice: "af_heart", response_format: "wav", stream: false });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-kokoro-ignored-tags")).toBeNull();
    const calls = decodeFixtureCalls(await wavOf(res));
    const adam = await idsOf("Say [Kokoro](/kˈOkəɹO/) now.");
    expect(adam.join(" ")).toContain(phonemesToIds("kˈOkəɹO").join(" "));
    expect(calls.map((c) => c.ids.join(" "))).toEqual([...(await idsOf("Hello there.")), ...adam, ...(await idsOf(" The World Wide Web is number forty-two. "))]);
    expectPause(calls, 0, 700);
    expectPause(calls, 1, 700); // strength strong
    expectVoice(calls[0]!, "af_heart");
    expectVoice(calls[1]!, "am_adam");
    expectVoice(calls[2]!, "af_heart");
  });

  it("speaks an unknown tag's text and names the tag in X-Kokoro-Ignored-Tags", async () => {
    const res = await postSpeech(server.url, { input: "<speak><mystery>Still spoken.</mystery></speak>", response_format: "wav", stream: false });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-kokoro-ignored-tags")).toBe("mystery");
    expect(decodeFixtureCalls(await wavOf(res)).map((c) => c.ids.join(" "))).toEqual(await idsOf("Still spoken."));
  });

  it("answers a syntax error, a DOCTYPE and a bad phoneme with a 400 naming where", async () => {
    const cases: [unknown, RegExp][] = [
      [{ input: "<speak>\n<p>x</q></speak>" }, /line 2, column \d+/u],
      [{ input: '<!DOCTYPE speak [<!ENTITY a "b">]><speak>&a;</speak>', input_format: "ssml" }, /DOCTYPE is not allowed/u],
      [{ input: '<speak><phoneme ph="k%O">x</phoneme></speak>' }, /invalid phoneme symbol '%'.*position 2/u],
    ];
    for (const [body, message] of cases) {
      const res = await postSpeech(server.url, body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
    }
  });
});

describe("phoneme input", () => {
  it("speaks the phonemes as given, and names a bad symbol and its position", async () => {
    const phonemes = "hˈɛlO wˈɜɹld.";
    const res = await postSpeech(server.url, { input: phonemes, input_format: "phonemes", response_format: "wav", stream: false });
    expect(res.status).toBe(200);
    expect(decodeFixtureCalls(await wavOf(res)).map((c) => c.ids.join(" "))).toEqual([phonemesToIds(phonemes).join(" ")]);
    const bad = await postSpeech(server.url, { input: "hˈɛlO 7", input_format: "phonemes" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string; code: string } }).error).toMatchObject({ code: "invalid_phonemes", message: expect.stringMatching(/'7'.*position 7/u) });
  });
});

describe("POST /v1/audio/dialogue", () => {
  const post = (body: unknown) => fetch(`${server.url}/v1/audio/dialogue`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

  it("speaks each turn in its voice with pause_ms between them", async () => {
    const turns = [
      { voice: "af_heart", text: "Are you there?" },
      { voice: "am_adam", text: "I am here." },
      { voice: "af_heart", text: "Good." },
    ];
    const res = await post({ turns, pause_ms: 250, response_format: "wav", stream: false });
    expect(res.status).toBe(200);
    const calls = decodeFixtureCalls(await wavOf(res));
    expect(calls.map((c) => c.ids.join(" "))).toEqual([...(await idsOf("Are you there?")), ...(await idsOf("I am here.")), ...(await idsOf("Good."))]);
    expectPause(calls, 0, 250);
    expectPause(calls, 1, 250);
    turns.forEach((t, k) => expectVoice(calls[k]!, t.voice));
  });

  it("carries the turn index in the SSE word events", async () => {
    const res = await post({ turns: [{ voice: "af_heart", text: "One." }, { voice: "am_adam", text: "Two." }], stream_format: "sse", response_format: "pcm" });
    expect(res.status).toBe(200);
    const events = (await res.text())
      .split("\n\n")
      .filter((e) => e.startsWith("data: "))
      .map((e) => JSON.parse(e.slice(6)) as { type: string; turn?: number; words?: { word: string }[] });
    const words = events.filter((e) => e.type === "speech.audio.words");
    expect(words.map((e) => [e.turn, e.words!.map((w) => w.word).join(" ")])).toEqual([
      [0, "One"],
      [1, "Two"],
    ]);
  });

  it("reads each turn in its own lang: the turn's, else the request's, else its voice's", async () => {
    const ids = async (text: string, lang: "en-us" | "es" | "fr-fr") => (await plannedChunks(server.services.frontEnd, text, lang)).map((c) => c.ids.join(" "));
    const spoken = async (body: object) => {
      const res = await post({ pause_ms: 200, response_format: "wav", stream: false, ...body });
      expect(res.status).toBe(200);
      return decodeFixtureCalls(await wavOf(res));
    };
    // The same voice, two languages: English by the voice, Spanish by the turn's lang.
    const mixed = await spoken({ turns: [{ voice: "af_heart", text: "Hello there." }, { voice: "af_heart", text: "Hola, ¿cómo estás?", lang: "es" }] });
    expect(mixed.map((c) => c.ids.join(" "))).toEqual([...(await ids("Hello there.", "en-us")), ...(await ids("Hola, ¿cómo estás?", "es"))]);
    expect(await ids("Hola, ¿cómo estás?", "es")).not.toEqual(await ids("Hola, ¿cómo estás?", "en-us"));
    expectPause(mixed, 0, 200);
    mixed.forEach((c) => expectVoice(c, "af_heart"));
    // The request's lang for turns without one; a turn's own (here a one-letter code) wins.
    const overridden = await spoken({ lang: "fr", turns: [{ voice: "af_heart", text: "Bonjour." }, { voice: "ef_dora", text: "Good night.", lang: "a" }] });
    expect(overridden.map((c) => c.ids.join(" "))).toEqual([...(await ids("Bonjour.", "fr-fr")), ...(await ids("Good night.", "en-us"))]);
  });

  it("refuses a turn's bad lang with a 400 naming the turn's field", async () => {
    const bad = async (lang: unknown) => {
      const res = await post({ turns: [{ voice: "af_heart", text: "Hi." }, { voice: "am_adam", text: "Hallo.", lang }] });
      expect(res.status).toBe(400);
      return ((await res.json()) as { error: { message: string; param: string; code: string } }).error;
    };
    expect(await bad("de")).toMatchObject({ param: "turns[1].lang", code: "invalid_value", message: expect.stringMatching(/^turns\[1\]\.lang: unsupported lang 'de'; use one of: en-us, en-gb, es/u) });
    expect(await bad(5)).toMatchObject({ param: "turns[1].lang", code: "invalid_value" });
  });

  it("refuses an empty dialogue and an unknown voice with a 400", async () => {
    expect((await post({ turns: [] })).status).toBe(400);
    const res = await post({ turns: [{ voice: "af_heart", text: "Hi." }, { voice: "zz_nobody", text: "Hi." }] });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_voice");
  });
});
