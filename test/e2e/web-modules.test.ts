// The playground's pure modules, run in Node: SSE parsing, PCM decoding, word alignment, timelines, voices.
import { beforeAll, describe, expect, it } from "vitest";
import {
  loadWebModule,
  type DownloadModule,
  type PcmModule,
  type PlayerModule,
  type SseEvent,
  type SseModule,
  type VoicesModule,
  type WordsModule,
} from "./web-modules.js";

let sse: SseModule;
let pcm: PcmModule;
let words: WordsModule;
let player: PlayerModule;
let voices: VoicesModule;
let download: DownloadModule;

beforeAll(async () => {
  [sse, pcm, words, player, voices, download] = await Promise.all([
    loadWebModule<SseModule>("sse.js"),
    loadWebModule<PcmModule>("pcm.js"),
    loadWebModule<WordsModule>("words.js"),
    loadWebModule<PlayerModule>("player.js"),
    loadWebModule<VoicesModule>("voices.js"),
    loadWebModule<DownloadModule>("download.js"),
  ]);
});

describe("SSE parser", () => {
  const stream = 'data: {"a":1}\r\n\r\n: comment\nevent: x\r\ndata: line1\r\ndata: line2\r\n\r\ndata:{"b":2}\r\r';
  const expected: SseEvent[] = [
    { event: "message", data: '{"a":1}' },
    { event: "x", data: "line1\nline2" },
    { event: "message", data: '{"b":2}' },
  ];

  it("finds the same events however the text is split (inside lines, between CR and LF)", () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      for (let cut2 = cut; cut2 <= stream.length; cut2 += 3) {
        const got: SseEvent[] = [];
        const parser = sse.createSseParser((e) => got.push(e));
        parser.push(stream.slice(0, cut));
        parser.push(stream.slice(cut, cut2));
        parser.push(stream.slice(cut2));
        parser.end();
        expect(got, `cuts at ${cut}, ${cut2}`).toEqual(expected);
      }
    }
  });

  it("drops an event the stream cut off before its blank line", () => {
    const got: SseEvent[] = [];
    const parser = sse.createSseParser((e) => got.push(e));
    parser.push('data: {"a":1}\n\ndata: {"cut');
    parser.end();
    expect(got).toEqual([{ event: "message", data: '{"a":1}' }]);
  });

  it("reads JSON events from a byte stream split inside a multi-byte character", async () => {
    const bytes = new TextEncoder().encode('data: {"word":"café"}\n\ndata: {"type":"done"}\n\n');
    const at = bytes.indexOf(0xc3) + 1; // between the two bytes of é
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, at));
        controller.enqueue(bytes.slice(at));
        controller.close();
      },
    });
    const got: unknown[] = [];
    for await (const e of sse.sseJsonEvents(body)) got.push(e.data);
    expect(got).toEqual([{ word: "café" }, { type: "done" }]);
  });
});

describe("PCM decoding", () => {
  it("decodes s16le split at odd byte offsets into the same samples", () => {
    const ints = Int16Array.from([0, 1, -1, 32767, -32768, 12345, -2]);
    const bytes = new Uint8Array(ints.buffer);
    const whole = pcm.createPcm16Decoder().decode(bytes);
    expect(Array.from(whole)).toEqual(Array.from(ints, (v) => v / 32768));
    for (let cut = 0; cut <= bytes.length; cut++) {
      const d = pcm.createPcm16Decoder();
      const a = d.decode(bytes.slice(0, cut));
      expect(d.pending).toBe(cut % 2);
      const b = d.decode(bytes.slice(cut));
      expect([...a, ...b]).toEqual(Array.from(whole));
      expect(d.pending).toBe(0);
    }
  });

  it("reads base64 as bytes", () => {
    expect(Array.from(pcm.base64ToBytes(Buffer.from([0, 255, 128, 7]).toString("base64")))).toEqual([0, 255, 128, 7]);
  });
});

describe("word alignment", () => {
  const align = (text: string, spoken: string[]): string[] => {
    const tokens = words.tokenize(text);
    const next = words.createAligner(tokens);
    return spoken.map((w) => tokens[next(w)]?.text ?? "?");
  };

  it("matches spoken words to the written ones, punctuation and case aside", () => {
    expect(align("Hello, world! It's fine.", ["Hello", "world", "it's", "fine"])).toEqual(["Hello,", "world!", "It's", "fine."]);
  });

  it("keeps a number or abbreviation read out as several words on its written word", () => {
    expect(align("I have 3.5 apples.", ["I", "have", "three", "point", "five", "apples"])).toEqual(["I", "have", "3.5", "3.5", "3.5", "apples."]);
    expect(align("It costs $5 today", ["it", "costs", "five", "dollars", "today"])).toEqual(["It", "costs", "$5", "$5", "today"]);
    expect(align("3 or 4 things", ["three", "or", "four", "things"])).toEqual(["3", "or", "4", "things"]);
  });

  it("does not jump ahead to a later equal word when the next written word is read out", () => {
    expect(align("Dr. Smith is a doctor.", ["doctor", "Smith", "is", "a", "doctor"])).toEqual(["Dr.", "Smith", "is", "a", "doctor."]);
  });

  it("spreads the parts of a hyphenated word over it, and skips words that were not spoken", () => {
    expect(align("A well-known tale", ["a", "well", "known", "tale"])).toEqual(["A", "well-known", "well-known", "tale"]);
    expect(align("one — two three", ["one", "three"])).toEqual(["one", "three"]);
  });

  it("finds the word being spoken at a time, holding the last one through pauses", () => {
    const timeline = words.createWordTimeline();
    timeline.add({ token: 0, start: 0.1, end: 0.3 });
    timeline.add({ token: 1, start: 0.35, end: 0.5 });
    timeline.add({ token: 3, start: 0.9, end: 1.2 });
    expect([0, 0.1, 0.29, 0.32, 0.35, 0.8, 0.9, 5].map((t) => timeline.at(t))).toEqual([-1, 0, 0, 0, 1, 1, 3, 3]);
  });
});

describe("playback timeline", () => {
  it("maps context time to audio seconds across back-to-back pieces and an underrun gap", () => {
    const segments = [
      { audioStart: 0, ctxStart: 1, duration: 0.5 },
      { audioStart: 0.5, ctxStart: 1.5, duration: 0.5 },
      { audioStart: 1, ctxStart: 3, duration: 1 }, // arrived late: a gap from 2 to 3
    ];
    const at = (t: number): number => player.audioPositionAt(segments, t);
    expect(at(0)).toBe(0);
    expect(at(1.25)).toBeCloseTo(0.25);
    expect(at(1.75)).toBeCloseTo(0.75);
    expect(at(2.5)).toBeCloseTo(1);
    expect(at(3.5)).toBeCloseTo(1.5);
    expect(at(10)).toBeCloseTo(2);
  });
});

describe("voices and file names", () => {
  it("writes blends the way the server reads them", () => {
    expect(voices.composeVoice([{ name: "af_heart", weight: 3 }])).toBe("af_heart");
    expect(voices.composeVoice([{ name: "af_bella", weight: 2 }, { name: "af_sky", weight: 1 }])).toBe("af_bella(2)+af_sky(1)");
    expect(voices.composeVoice([{ name: "af_bella", weight: 1.5 }, { name: "af_sky", weight: 1.5 }])).toBe("af_bella+af_sky");
    expect(voices.composeVoice([{ name: "a", weight: 1 / 3 }, { name: "b", weight: 1 }])).toBe("a(0.333)+b(1)");
  });

  it("groups English voices first, female before male", () => {
    const groups = voices.groupVoices([
      { id: "jf_alpha", language: "ja", gender: "female" },
      { id: "bm_george", language: "en-gb", gender: "male" },
      { id: "am_adam", language: "en-us", gender: "male" },
      { id: "af_sky", language: "en-us", gender: "female" },
      { id: "af_bella", language: "en-us", gender: "female" },
    ]);
    expect(groups).toEqual([
      { label: "English (US) · female", ids: ["af_bella", "af_sky"] },
      { label: "English (US) · male", ids: ["am_adam"] },
      { label: "English (UK) · male", ids: ["bm_george"] },
      { label: "Japanese · female", ids: ["jf_alpha"] },
    ]);
  });

  it("names downloads after the voice, the time and the format", () => {
    const date = new Date(2025, 0, 2, 3, 4, 5);
    expect(download.downloadName("af_bella(2)+af_sky(1)", "wav", date)).toBe("kokoro-af_bella-2-af_sky-1-20250102-030405.wav");
    expect(download.downloadName("af_heart", "opus", date)).toBe("kokoro-af_heart-20250102-030405.opus");
  });
});
