import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { SentenceBuffer } from "../../src/pipeline/sentence-buffer.js";
import type { PhonemeChunk } from "../../src/plan/types.js";
import { decodeFixtureCalls, samplesPerToken } from "../helpers/fixture-audio.js";
import { expectAudioOfPlan, pcmToInt16, plannedChunks, postSpeech, startTestServer, voiceStyle00, type TestServer } from "../helpers/test-server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

interface WsEvent {
  type: string;
  seq?: number;
  bytes?: number;
  words?: { word: string; start: number; end: number }[];
  audio_seconds?: number;
  message?: string;
}

/** A connected client that records every event and audio frame, in arrival order. */
async function connect(): Promise<{ ws: WebSocket; events: WsEvent[]; frames: Buffer[]; closed: Promise<number>; next: (type: string) => Promise<WsEvent> }> {
  const ws = new WebSocket(`${server.url.replace("http", "ws")}/v1/audio/speech/ws`);
  const events: WsEvent[] = [];
  const frames: Buffer[] = [];
  const waiters: { type: string; resolve: (e: WsEvent) => void }[] = [];
  ws.on("message", (data: Buffer, isBinary: boolean) => {
    if (isBinary) {
      frames.push(data);
      return;
    }
    const event = JSON.parse(data.toString()) as WsEvent;
    events.push(event);
    for (const w of waiters.filter((w) => w.type === event.type)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(event);
    }
  });
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  const next = (type: string): Promise<WsEvent> => {
    const seen = events.find((e) => e.type === type && !(e as { taken?: boolean }).taken);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => waiters.push({ type, resolve }));
  };
  return { ws, events, frames, closed, next };
}

const sendJson = (ws: WebSocket, msg: unknown): void => ws.send(JSON.stringify(msg));

describe("GET /v1/audio/speech/ws", () => {
  it("speaks complete sentences while text is still arriving, then the rest on end; the audio is exactly the plan", async () => {
    const pieces = ["Hello", " there, friend", ". How are", " you today? I am", " fine, thanks", ". Dr. Smith paid $3", ".50 and left"];
    const client = await connect();
    sendJson(client.ws, { type: "start", voice: "af_heart", response_format: "pcm" });
    await client.next("started");
    // The first two sentences are complete once the third has begun: audio must come before `end`.
    for (const p of pieces.slice(0, 4)) sendJson(client.ws, { type: "text", text: p });
    await client.next("audio");
    for (const p of pieces.slice(4)) sendJson(client.ws, { type: "text", text: p });
    sendJson(client.ws, { type: "end" });
    const done = await client.next("done");
    expect(await client.closed).toBe(1000);

    // The same segmentation, planned the same way, is what must have been spoken.
    const buffer = new SentenceBuffer("en-us");
    const pushed: string[] = [];
    for (const p of pieces) pushed.push(await buffer.push(p));
    const segments = pushed.concat(buffer.flush()).filter((s) => s.trim() !== "");
    expect(segments.length).toBeGreaterThanOrEqual(3);
    const expected: PhonemeChunk[] = [];
    for (const s of segments) expected.push(...(await plannedChunks(server.services.frontEnd, s)));
    const audio = Buffer.concat(client.frames);
    const samples = new Int16Array(audio.buffer, audio.byteOffset, audio.length / 2);
    expectAudioOfPlan(samples, expected, 1, (n) => voiceStyle00("af_heart", n));

    const audioEvents = client.events.filter((e) => e.type === "audio");
    expect(audioEvents.map((e) => e.seq)).toEqual(audioEvents.map((_, i) => i));
    expect(audioEvents.map((e) => e.bytes)).toEqual(client.frames.map((f) => f.length));
    expect(client.events[0]!.type).toBe("started");
    expect(client.events.at(-1)!.type).toBe("done");
    expect(done.audio_seconds).toBeCloseTo(samples.length / 24000, 2);
    const words = client.events.filter((e) => e.type === "words").flatMap((e) => e.words!);
    expect(words.map((w) => w.word).join(" ")).toMatch(/Hello.*there.*friend.*How.*today.*Smith.*left/i);
    let last = 0;
    for (const w of words) {
      expect(w.start).toBeGreaterThanOrEqual(last);
      expect(w.end).toBeLessThanOrEqual(samples.length / 24000 + 1e-9);
      last = w.end;
    }
  });

  it("pauses between sentences and paragraphs sent in pieces or across flushes as HTTP does for the same text whole", async () => {
    /** Samples of silence between consecutive calls (each sentence here is a call of its own, over HTTP too). */
    const gaps = (samples: Int16Array): number[] => {
      const calls = decodeFixtureCalls(samples);
      return calls.slice(1).map((c, k) => c.start - calls[k]!.end);
    };
    const overWs = async (pieces: readonly string[], flush: boolean): Promise<Int16Array> => {
      const client = await connect();
      sendJson(client.ws, { type: "start", voice: "af_heart", response_format: "pcm" });
      for (const text of pieces) {
        sendJson(client.ws, { type: "text", text });
        if (flush) sendJson(client.ws, { type: "flush" });
      }
      sendJson(client.ws, { type: "end" });
      await client.closed;
      return pcmToInt16(Buffer.concat(client.frames));
    };
    const first = "The quick brown fox jumps over the lazy dog.";
    const second = "Then it ran far away into the woods.";
    // Config pauses (pauseSentenceMs 300, pauseParagraphMs 600), plus the 10 ms edges kept each side of the sound.
    for (const [between, pauseMs] of [[" ", 300], ["\n\n", 600]] as const) {
      const res = await postSpeech(server.url, { input: first + between + second, voice: "af_heart", response_format: "pcm", stream: false });
      const http = gaps(pcmToInt16(Buffer.from(await res.arrayBuffer())));
      expect(http).toHaveLength(1);
      expect(Math.abs(http[0]! - (pauseMs * 24 + 480))).toBeLessThan(samplesPerToken(1));
      // Cut where the sentence ends, before or after the white space, with a flush after each piece or without;
      // and the blank line sent as a piece of its own.
      const cuts = [[first, between + second], [first + between, second], [first, between, second]];
      for (const pieces of cuts) {
        for (const flush of [false, true]) {
          const ws = gaps(await overWs(pieces, flush));
          expect(ws, `${JSON.stringify(pieces)} flush ${flush}`).toHaveLength(1);
          expect(Math.abs(ws[0]! - http[0]!), `${JSON.stringify(pieces)} flush ${flush}`).toBeLessThan(samplesPerToken(1));
        }
      }
    }
    // A flush inside a sentence is no boundary: no pause is added there.
    const split = gaps(await overWs(["The quick brown fox jumps over the la", "zy dog."], true));
    expect(split).toHaveLength(1);
    expect(Math.abs(split[0]! - (40 * 24 + 480))).toBeLessThan(samplesPerToken(1));
  });

  it("flush speaks an unfinished sentence at once", async () => {
    const client = await connect();
    sendJson(client.ws, { type: "start", voice: "am_adam", response_format: "wav" });
    await client.next("started");
    sendJson(client.ws, { type: "text", text: "No full stop yet" });
    sendJson(client.ws, { type: "flush" });
    await client.next("words");
    sendJson(client.ws, { type: "end" });
    await client.next("done");
    expect(Buffer.concat(client.frames).toString("ascii", 0, 4)).toBe("RIFF");
  });

  it("rejects bad sessions with an error event and a policy close, and closing cancels queued work", async () => {
    const bad = await connect();
    sendJson(bad.ws, { type: "text", text: "before start" });
    expect((await bad.next("error")).message).toMatch(/start/);
    expect(await bad.closed).toBe(1008);

    const unknownVoice = await connect();
    sendJson(unknownVoice.ws, { type: "start", voice: "zz_nobody" });
    expect((await unknownVoice.next("error")).message).toMatch(/unknown voice/);
    expect(await unknownVoice.closed).toBe(1008);

    const garbage = await connect();
    garbage.ws.send("not json");
    expect((await garbage.next("error")).message).toMatch(/invalid message/);
    garbage.ws.close();

    const longText = "A long text. ".repeat(200);
    const planned = (await plannedChunks(server.services.frontEnd, longText)).length;
    const startedBefore = server.services.engine.stats().started;
    const quitter = await connect();
    sendJson(quitter.ws, { type: "start", response_format: "mp3" });
    await quitter.next("started");
    sendJson(quitter.ws, { type: "text", text: longText });
    sendJson(quitter.ws, { type: "flush" });
    quitter.ws.close();
    await quitter.closed;
    while (server.services.engine.stats().busy > 0 || server.services.engine.stats().queued > 0) await new Promise((r) => setTimeout(r, 20));
    // Closing stopped the work: far fewer calls ran than the text needed.
    expect(server.services.engine.stats().started - startedBefore).toBeLessThan(planned);
    // The server is still fine.
    const after = await connect();
    sendJson(after.ws, { type: "start" });
    sendJson(after.ws, { type: "text", text: "Still here." });
    sendJson(after.ws, { type: "end" });
    await after.next("done");
  });
});
