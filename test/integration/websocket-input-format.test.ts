import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { phonemesToIds } from "../../src/g2p/vocab.js";
import { decodeFixtureCalls, fixtureAmplitude, samplesPerToken, type DecodedCall } from "../helpers/fixture-audio.js";
import { postSpeech, startTestServer, voiceStyle00, type TestServer } from "../helpers/test-server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

interface WsEvent {
  readonly type: string;
  readonly message?: string;
  readonly tags?: string[];
  readonly input_format?: string;
}

/** A session: send messages when the test says, collect its events and audio until the socket closes. */
async function open(): Promise<{ send: (m: unknown) => void; next: (type: string) => Promise<WsEvent>; closed: Promise<{ audio: Int16Array; events: WsEvent[]; code: number }> }> {
  const ws = new WebSocket(`${server.url.replace("http", "ws")}/v1/audio/speech/ws`);
  const frames: Buffer[] = [];
  const events: WsEvent[] = [];
  const waiting: { type: string; resolve: (e: WsEvent) => void }[] = [];
  ws.on("message", (data: Buffer, isBinary: boolean) => {
    if (isBinary) return void frames.push(data);
    const event = JSON.parse(data.toString()) as WsEvent;
    events.push(event);
    const i = waiting.findIndex((w) => w.type === event.type);
    if (i >= 0) waiting.splice(i, 1)[0]!.resolve(event);
  });
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  const closed = new Promise<{ audio: Int16Array; events: WsEvent[]; code: number }>((resolve) =>
    ws.on("close", (code: number) => {
      const bytes = Buffer.concat(frames);
      resolve({ audio: new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2), events, code });
    }),
  );
  return {
    send: (m) => ws.send(JSON.stringify(m)),
    next: (type) => new Promise((resolve) => waiting.push({ type, resolve })),
    closed,
  };
}

/** The calls HTTP makes of the same input in the same form (a whole file), decoded. */
async function httpCalls(input: string, inputFormat: string): Promise<DecodedCall[]> {
  const res = await postSpeech(server.url, { input, input_format: inputFormat, voice: "af_heart", response_format: "pcm", stream: false });
  expect(res.status, await res.clone().text()).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  return decodeFixtureCalls(new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2));
}

const ids = (calls: readonly DecodedCall[]) => calls.map((c) => c.ids.join(" "));
const errors = (events: readonly WsEvent[]) => events.filter((e) => e.type === "error").map((e) => e.message);

describe("WebSocket input_format ssml", () => {
  const FIRST = '<speak>Hello there.<break time="700ms"/><voice name="am_adam">Goodbye now.</voice></speak>';
  const SECOND = '<speak>Say <phoneme ph="kˈOkəɹO">Kokoro</phoneme> <mark name="x"/>twice.</speak>';

  it("compiles each document, sent in pieces, as a whole at flush/end, exactly as HTTP does", async () => {
    const s = await open();
    s.send({ type: "start", voice: "af_heart", response_format: "pcm", input_format: "ssml" });
    expect(await s.next("started")).toMatchObject({ input_format: "ssml" });
    // Cut inside a tag and inside an attribute: pieces are never read until the document is complete.
    for (const piece of [FIRST.slice(0, 20), FIRST.slice(20, 31), FIRST.slice(31)]) s.send({ type: "text", text: piece });
    s.send({ type: "flush" });
    s.send({ type: "text", text: SECOND });
    s.send({ type: "end" });
    const { audio, events, code } = await s.closed;
    expect(code).toBe(1000);
    expect(errors(events)).toEqual([]);
    expect(events.filter((e) => e.type === "ignored_tags")).toEqual([{ type: "ignored_tags", tags: ["mark"] }]);

    const calls = decodeFixtureCalls(audio);
    const [first, second] = [await httpCalls(FIRST, "ssml"), await httpCalls(SECOND, "ssml")];
    expect(ids(calls)).toEqual([...ids(first), ...ids(second)]);
    // The break is exact silence at the seam, and the <voice> block speaks with am_adam's rows.
    expect(Math.abs(calls[1]!.start - calls[0]!.end - (700 * 24 + 480))).toBeLessThan(samplesPerToken(1));
    expect(calls[0]!.amplitudes[0]).toBeCloseTo(fixtureAmplitude(voiceStyle00("af_heart", calls[0]!.ids.length)), 3);
    expect(calls[1]!.amplitudes[0]).toBeCloseTo(fixtureAmplitude(voiceStyle00("am_adam", calls[1]!.ids.length)), 3);
  });

  it("reports a bad document (line and column), an unknown voice, and one past the limit as errors, and goes on", async () => {
    const s = await open();
    s.send({ type: "start", voice: "af_heart", response_format: "pcm", input_format: "ssml" });
    s.send({ type: "text", text: "<speak>\n  <p>broken</q></speak>" });
    s.send({ type: "flush" });
    s.send({ type: "text", text: '<speak><voice name="zz_nobody">Who?</voice></speak>' });
    s.send({ type: "flush" });
    // Two messages within the per-message limit, a document past it: dropped, with what follows up to the flush.
    s.send({ type: "text", text: `<speak>${"word ".repeat(1000)}` });
    s.send({ type: "text", text: "word ".repeat(1000) });
    s.send({ type: "text", text: "</speak>" });
    s.send({ type: "flush" });
    s.send({ type: "text", text: SECOND });
    s.send({ type: "end" });
    const { audio, events } = await s.closed;
    expect(errors(events)).toEqual([
      expect.stringMatching(/^invalid SSML at line 2, column \d+: unexpected close tag/u),
      expect.stringMatching(/unknown voice 'zz_nobody'/u),
      "an SSML document is limited to 10000 characters; it is dropped up to the next flush (send flush after each document)",
    ]);
    expect(ids(decodeFixtureCalls(audio))).toEqual(ids(await httpCalls(SECOND, "ssml")));
  });

  it("reads a text session's <speak> as text (no sniffing in pieces), and refuses an unknown input_format at start", async () => {
    const s = await open();
    s.send({ type: "start", voice: "af_heart", input_format: "xml" });
    const { events, code } = await s.closed;
    expect(code).toBe(1008);
    expect(errors(events)).toEqual(["unsupported input_format 'xml'; use one of: text, ssml, phonemes"]);

    const t = await open();
    t.send({ type: "start", voice: "af_heart", response_format: "pcm" });
    expect(await t.next("started")).toMatchObject({ input_format: "text" });
    const doc = '<speak>Hi<break time="500ms"/>there.</speak>';
    t.send({ type: "text", text: doc });
    t.send({ type: "end" });
    const text = await t.closed;
    expect(ids(decodeFixtureCalls(text.audio))).toEqual(ids(await httpCalls(doc, "text")));
    expect(decodeFixtureCalls(text.audio)).toHaveLength(1); // as SSML it would be two calls around the break
    expect(await httpCalls(doc, "ssml")).toHaveLength(2);
  });
});

describe("WebSocket input_format phonemes", () => {
  it("speaks each phoneme sentence as soon as it ends (at . ! ? … and the space after), before the rest arrives", async () => {
    const s = await open();
    s.send({ type: "start", voice: "af_heart", response_format: "pcm", input_format: "phonemes" });
    await s.next("started");
    s.send({ type: "text", text: "hˈɛlO wˈɜɹl" });
    s.send({ type: "text", text: "d. ðɛɹ" });
    // The first sentence is complete (its full stop and a space came): its audio comes while the rest is unsent.
    await s.next("audio");
    s.send({ type: "text", text: " ɪz mˈOɹ" });
    s.send({ type: "end" });
    const { audio, events } = await s.closed;
    expect(errors(events)).toEqual([]);
    expect(decodeFixtureCalls(audio).map((c) => c.ids)).toEqual([phonemesToIds("hˈɛlO wˈɜɹld."), phonemesToIds("ðɛɹ ɪz mˈOɹ")]);
  });

  it("names a bad symbol in an error event and speaks the next sentence", async () => {
    const s = await open();
    s.send({ type: "start", voice: "af_heart", response_format: "pcm", input_format: "phonemes" });
    s.send({ type: "text", text: "hˈi 3. ðɛɹ." });
    s.send({ type: "end" });
    const { audio, events } = await s.closed;
    expect(errors(events)).toEqual(["invalid phoneme symbol '3' (U+0033) at position 5 of input: not in Kokoro's vocabulary"]);
    expect(decodeFixtureCalls(audio).map((c) => c.ids)).toEqual([phonemesToIds("ðɛɹ.")]);
  });
});
