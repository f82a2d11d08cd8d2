import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { decodeFixtureCalls, fixtureAmplitude, samplesPerToken } from "../helpers/fixture-audio.js";
import { plannedChunks, startTestServer, voiceStyle00, type TestServer } from "../helpers/test-server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

/** Sends a whole session and collects its audio frames and JSON events until the socket closes. */
async function session(messages: unknown[]): Promise<{ audio: Int16Array; events: { type: string; message?: string }[] }> {
  const ws = new WebSocket(`${server.url.replace("http", "ws")}/v1/audio/speech/ws`);
  const frames: Buffer[] = [];
  const events: { type: string; message?: string }[] = [];
  ws.on("message", (data: Buffer, isBinary: boolean) => (isBinary ? frames.push(data) : events.push(JSON.parse(data.toString()) as { type: string })));
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  const closed = new Promise((resolve) => ws.on("close", resolve));
  for (const m of messages) ws.send(JSON.stringify(m));
  await closed;
  const bytes = Buffer.concat(frames);
  return { audio: new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2), events };
}

describe("WebSocket text with inline tags", () => {
  it("speaks [pause:…] as exact silence and [voice:…] in that voice", async () => {
    const { audio, events } = await session([
      { type: "start", voice: "af_heart", response_format: "pcm" },
      { type: "text", text: "Hello there. [pause:800ms] " },
      { type: "text", text: "[voice:am_adam]Goodbye now." },
      { type: "end" },
    ]);
    expect(events.filter((e) => e.type === "error")).toEqual([]);
    const calls = decodeFixtureCalls(audio);
    const ids = async (t: string) => (await plannedChunks(server.services.frontEnd, t)).map((c) => c.ids.join(" "));
    expect(calls.map((c) => c.ids.join(" "))).toEqual([...(await ids("Hello there.")), ...(await ids("Goodbye now."))]);
    expect(Math.abs(calls[1]!.start - calls[0]!.end - (800 * 24 + 480))).toBeLessThan(samplesPerToken(1));
    expect(calls[0]!.amplitudes[0]).toBeCloseTo(fixtureAmplitude(voiceStyle00("af_heart", calls[0]!.ids.length)), 3);
    expect(calls[1]!.amplitudes[0]).toBeCloseTo(fixtureAmplitude(voiceStyle00("am_adam", calls[1]!.ids.length)), 3);
  });

  it("reports a bad tag as an error event and goes on with the next sentence", async () => {
    const { audio, events } = await session([
      { type: "start", voice: "af_heart", response_format: "pcm" },
      { type: "text", text: "Bad [voice:zz_nobody]voice. " },
      { type: "text", text: "Good sentence." },
      { type: "end" },
    ]);
    expect(events.filter((e) => e.type === "error").map((e) => e.message)).toEqual([expect.stringMatching(/unknown voice 'zz_nobody'/u)]);
    const ids = (await plannedChunks(server.services.frontEnd, "Good sentence.")).map((c) => c.ids.join(" "));
    expect(decodeFixtureCalls(audio).map((c) => c.ids.join(" "))).toEqual(ids);
  });
});
