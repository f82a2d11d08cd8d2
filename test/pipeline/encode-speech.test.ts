import { describe, expect, it } from "vitest";
import { CancelledError } from "../../src/engine/errors.js";
import { afterFirstCall, audioBytes, fileEncoded, streamEncoded, untilFailure, wholeFile, type EncodedEvent } from "../../src/pipeline/encode-speech.js";
import type { SpeechEvent } from "../../src/pipeline/speak.js";
import type { AudioChunk } from "../../src/pipeline/speech.js";
import { TextQueue } from "../../src/pipeline/text-queue.js";

/** A model call's event with `n` samples of one value (the chunk's plan is not looked at here). */
function call(n: number, value: number): SpeechEvent {
  const samples = new Float32Array(n).fill(value);
  const chunk = { seq: 0, samples, durationS: n / 24_000, inferMs: 1, queueMs: 0, cached: false, durations: null, rawDurationS: n / 24_000, cutStartS: 0 };
  return { type: "call", call: chunk as unknown as AudioChunk, offsetS: 0, words: [], estimated: true };
}

async function* speech(events: SpeechEvent[], failWith?: Error): AsyncGenerator<SpeechEvent> {
  for (const e of events) {
    await new Promise((r) => setTimeout(r, 1));
    yield e;
  }
  if (failWith) throw failWith;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const int16 = (bytes: Buffer[]): Int16Array => {
  const all = Buffer.concat(bytes);
  return new Int16Array(all.buffer, all.byteOffset, all.length / 2);
};

describe("streamEncoded", () => {
  it("yields every call's event before its audio, and all the audio in order", async () => {
    const events = await collect(streamEncoded(speech([call(1000, 0.25), call(500, -0.5)]), "pcm"));
    expect(events.findIndex((e) => e.type === "call")).toBe(0);
    const pcm = int16(events.filter((e): e is Extract<EncodedEvent, { type: "audio" }> => e.type === "audio").map((e) => e.bytes));
    expect(pcm.length).toBe(1500);
    expect(Math.abs(pcm[0]! - 0.25 * 32768)).toBeLessThanOrEqual(1);
    expect(Math.abs(pcm[1499]! + 0.5 * 32768)).toBeLessThanOrEqual(1);
  });

  it("on a failure after audio went out, hands over the audio so far and then throws", async () => {
    const boom = new Error("the second call failed");
    const seen: EncodedEvent[] = [];
    await expect(
      (async () => {
        for await (const e of streamEncoded(speech([call(800, 0.1)], boom), "pcm")) seen.push(e);
      })(),
    ).rejects.toBe(boom);
    expect(int16(seen.flatMap((e) => (e.type === "audio" ? [e.bytes] : []))).length).toBe(800);
    // As an HTTP body it ends cleanly instead (the failure is logged by telemetry).
    const body = await collect(untilFailure(audioBytes(streamEncoded(speech([call(800, 0.1)], boom), "pcm"))));
    expect(int16(body).length).toBe(800);
  });

  it("throws a cancellation as it is", async () => {
    await expect(collect(streamEncoded(speech([call(100, 0)], new CancelledError("gone")), "pcm"))).rejects.toBeInstanceOf(CancelledError);
  });
});

describe("afterFirstCall", () => {
  it("throws when the first call fails (nothing has been sent yet)", async () => {
    await expect(afterFirstCall(streamEncoded(speech([], new Error("first call failed")), "wav"))).rejects.toThrow("first call failed");
  });

  it("then gives the whole stream, the events it pulled first", async () => {
    const rest = await afterFirstCall(streamEncoded(speech([call(300, 0.2), call(300, 0.2)]), "pcm"));
    const events = await collect(rest);
    expect(events.filter((e) => e.type === "call")).toHaveLength(2);
    expect(int16(events.flatMap((e) => (e.type === "audio" ? [e.bytes] : []))).length).toBe(600);
  });
});

describe("fileEncoded + wholeFile", () => {
  it("makes one complete WAV with exact sizes and counts its seconds", async () => {
    const file = await wholeFile(fileEncoded(speech([call(2400, 0.5), call(1200, 0.5)]), "wav"));
    expect(file.audioSeconds).toBeCloseTo(0.15, 6);
    expect(file.bytes.toString("ascii", 0, 4)).toBe("RIFF");
    expect(file.bytes.readUInt32LE(40)).toBe(3600 * 2); // the data chunk's size
  });
});

describe("TextQueue", () => {
  it("hands out pieces in order, is idle only while its reader waits, and ends on close", async () => {
    const queue = new TextQueue();
    queue.push("One.");
    const read: string[] = [];
    const reading = (async () => {
      for await (const piece of queue) read.push(piece);
    })();
    await new Promise((r) => setTimeout(r, 5));
    expect(read).toEqual(["One."]);
    expect(queue.idle).toBe(true);
    queue.push("Two.");
    queue.close();
    await reading;
    expect(read).toEqual(["One.", "Two."]);
    expect(() => queue.push("Three.")).toThrow(/ended/);
  });
});
