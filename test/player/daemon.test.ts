import { performance } from "node:perf_hooks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { wavHeader } from "../../src/audio/wav.js";
import { chunks, sleep, startTestDaemon, tone, withoutSilence, type TestDaemon } from "./daemon-harness.js";

let t: TestDaemon;
beforeEach(async () => {
  t = await startTestDaemon();
});
afterEach(async () => {
  await t.close();
});

/** Deterministic shuffle. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe("audio daemon, null real-time sink", () => {
  it("plays frames sent in random order, with duplicates, in order and once", async () => {
    const c = await t.connect();
    const audio = tone(14_400); // 0.6 s
    const frames = chunks(audio, 961).map((pcm, seq) => ({ seq, pcm })); // odd sizes: alignment must survive
    const arrivals = shuffled([...frames, ...frames.filter((_, i) => i % 3 === 0)], 7);
    c.send({ type: "play", id: "shuffled", format: "pcm", sampleRate: 24000 });
    for (const f of arrivals) await c.frame(f.seq, f.pcm);
    c.send({ type: "end", id: "shuffled" });
    const done = await c.waitFor("completed", "shuffled");
    expect(done).toMatchObject({ reason: "ended", seconds: 0.6 });
    expect(withoutSilence(t.sink.recorded()).equals(audio)).toBe(true);
    if (done.underruns === 0) expect(t.sink.recorded().equals(audio)).toBe(true);
    expect(c.of("started", "shuffled")).toHaveLength(1);
    expect(c.of("completed", "shuffled")).toHaveLength(1);
  });

  it("pause really stops the clock, resume carries on where it was", async () => {
    const c = await t.connect();
    const audio = tone(24_000 * 1.2);
    c.send({ type: "play", id: "p", format: "pcm" });
    chunks(audio, 4800).forEach((pcm, seq) => void c.frame(seq, pcm));
    c.send({ type: "end", id: "p" });
    await c.waitFor("started", "p");
    const t0 = performance.now();
    await sleep(300);
    expect((await t.http("POST", "/pause")).body).toEqual({ state: "paused" });
    const played = t.sink.played();
    const queued = (await t.http("GET", "/queue")).body as { items: { id: string; state: string; playedSeconds: number }[] };
    expect(queued.items).toEqual([{ id: "p", state: "paused", playedSeconds: expect.any(Number) }]);
    expect(queued.items[0]!.playedSeconds).toBeGreaterThan(0.1);
    expect((await t.http("GET", "/health")).body).toMatchObject({ status: "ok", sink: "null", state: "paused", queued: 0 });
    await sleep(800);
    // Not one sample played while paused, and no progress reported.
    expect(t.sink.played()).toBe(played);
    const progressBefore = c.of("progress", "p").length;
    await sleep(300);
    expect(c.of("progress", "p").length).toBe(progressBefore);
    expect((await t.http("POST", "/resume")).body).toEqual({ state: "playing" });
    const done = await c.waitFor("completed", "p");
    expect(done).toMatchObject({ reason: "ended", seconds: 1.2, underruns: 0 });
    // 1.2 s of audio plus 1.1 s paused (generous margins on a busy machine).
    expect(performance.now() - t0).toBeGreaterThan(2000);
    expect(withoutSilence(t.sink.recorded()).equals(audio)).toBe(true);
  });

  it("end plays the final partial chunk, then emits completed exactly once", async () => {
    const c = await t.connect();
    const audio = tone(4800 * 3 + 37);
    const parts = [...chunks(audio.subarray(0, 4800 * 6), 4800 * 2), audio.subarray(4800 * 6)];
    c.send({ type: "play", id: "tail", format: "pcm" });
    for (const [seq, pcm] of parts.entries()) await c.frame(seq, pcm);
    await c.waitFor("started", "tail");
    await sleep(50);
    c.send({ type: "end", id: "tail" });
    const done = await c.waitFor("completed", "tail");
    expect(done.reason).toBe("ended");
    expect(withoutSilence(t.sink.recorded()).equals(audio)).toBe(true);
    // completed waits for the sink to play the last sample, not just to receive it.
    expect(t.sink.ahead()).toBe(0);
    await sleep(300);
    expect(c.of("completed", "tail")).toHaveLength(1);
    expect(t.daemon.player.size).toBe(0);
  });

  it("stop mid-stream leaves the daemon ready for the next utterance", async () => {
    const c = await t.connect();
    c.send({ type: "play", id: "long", format: "pcm" });
    const long = chunks(tone(24_000 * 3), 4800);
    for (const [seq, pcm] of long.slice(0, 10).entries()) await c.frame(seq, pcm);
    await c.waitFor("started", "long");
    await sleep(100);
    expect((await t.http("POST", "/stop")).body).toEqual({ state: "idle" });
    expect(c.of("completed", "long")).toEqual([expect.objectContaining({ reason: "stopped" })]);
    const recordedAtStop = t.sink.recorded().length;
    for (const [seq, pcm] of long.slice(10).entries()) await c.frame(seq + 10, pcm); // late frames are dropped
    await sleep(100);
    expect(t.sink.recorded().length).toBe(recordedAtStop);

    const next = tone(4800, 777);
    c.send({ type: "play", id: "next", format: "pcm" });
    await c.frame(0, next);
    c.send({ type: "end", id: "next" });
    expect(await c.waitFor("completed", "next")).toMatchObject({ reason: "ended", seconds: 0.2 });
    expect(withoutSilence(t.sink.recorded().subarray(recordedAtStop)).equals(next)).toBe(true);
    expect(c.of("completed", "long")).toHaveLength(1);
    expect((await t.http("GET", "/health")).body).toMatchObject({ state: "idle", queued: 0 });
  });

  it("plays 100 utterances back to back, each completed once, and holds nothing afterwards", async () => {
    const c = await t.connect();
    const expected: Buffer[] = [];
    for (let i = 0; i < 100; i++) {
      const audio = tone(240 + i, i * 300);
      expected.push(audio);
      c.send({ type: "play", id: `u${i}`, format: "pcm", mode: "queue" });
      await c.frame(1, audio.subarray(200));
      await c.frame(0, audio.subarray(0, 200));
      c.send({ type: "end", id: `u${i}` });
    }
    await c.waitFor("completed", "u99", 60_000);
    const completed = c.of("completed");
    expect(completed.map((e) => e.id)).toEqual(expected.map((_, i) => `u${i}`));
    expect(completed.every((e) => e.reason === "ended")).toBe(true);
    expect(withoutSilence(t.sink.recorded()).equals(Buffer.concat(expected))).toBe(true);
    expect(t.daemon.player.size).toBe(0);
    expect(t.daemon.player.state).toBe("idle");
    expect((await t.http("GET", "/queue")).body).toEqual({ items: [] });
  });

  it("fills an underrun with silence, counts it, and still plays everything in order", async () => {
    const c = await t.connect();
    const a = tone(4800, 1);
    const b = tone(4800, 9000);
    c.send({ type: "play", id: "gap", format: "pcm" });
    await c.frame(0, a);
    await c.waitFor("started", "gap");
    await sleep(600); // the sender stalls for longer than the 0.2 s it sent
    await c.frame(1, b);
    c.send({ type: "end", id: "gap" });
    const done = await c.waitFor("completed", "gap");
    expect(done.underruns).toBeGreaterThanOrEqual(1);
    expect(c.of("underrun", "gap")[0]).toMatchObject({ count: 1 });
    const recorded = t.sink.recorded();
    expect(withoutSilence(recorded).equals(Buffer.concat([a, b]))).toBe(true);
    expect(recorded.length).toBeGreaterThan(a.length + b.length); // the silence really went to the sink
  });

  it("never plays a WAV header: a wav stream, or a pcm stream that starts with one", async () => {
    const c = await t.connect();
    const audio = tone(2400);
    const file = Buffer.concat([wavHeader(0xffffffff - 36), audio]); // a streamed WAV's placeholder sizes
    for (const format of ["wav", "pcm"]) {
      const id = `hdr-${format}`;
      c.send({ type: "play", id, format, mode: "queue" });
      await c.frame(1, file.subarray(30));
      await c.frame(0, file.subarray(0, 30)); // the header split across frames, out of order
      c.send({ type: "end", id });
    }
    await c.waitFor("completed", "hdr-pcm");
    expect(withoutSilence(t.sink.recorded()).equals(Buffer.concat([audio, audio]))).toBe(true);
  });

  it("queue mode plays after, replace mode stops what plays, skip moves on", async () => {
    const c = await t.connect();
    const other = await t.connect(); // events go to every client
    const send = async (id: string, samples: number, mode?: string): Promise<void> => {
      c.send({ type: "play", id, format: "pcm", ...(mode ? { mode } : {}) });
      await c.frame(0, tone(samples, id.length * 100));
      c.send({ type: "end", id });
    };
    await send("one", 24_000 * 2);
    await send("two", 24_000 * 2, "queue");
    await c.waitFor("started", "one");
    const items = ((await t.http("GET", "/queue")).body as { items: { id: string; state: string }[] }).items;
    expect(items.map((i) => [i.id, i.state])).toEqual([["one", "playing"], ["two", "queued"]]);
    expect((await t.http("GET", "/health")).body).toMatchObject({ state: "playing", queued: 1 });
    expect((await t.http("POST", "/skip")).body).toEqual({ state: "playing" });
    expect(c.of("completed", "one")[0]).toMatchObject({ reason: "skipped" });
    await c.waitFor("started", "two");
    await send("three", 2400); // replace: the default
    expect(await c.waitFor("completed", "two")).toMatchObject({ reason: "stopped" });
    expect(await c.waitFor("completed", "three")).toMatchObject({ reason: "ended" });
    await other.waitFor("completed", "three");
    expect(other.of("completed").map((e) => e.id)).toEqual(["one", "two", "three"]);
  });

  it("a client that goes away mid-stream stops its utterance", async () => {
    const c = await t.connect();
    const watcher = await t.connect();
    c.send({ type: "play", id: "gone", format: "pcm" });
    await c.frame(0, tone(24_000));
    await watcher.waitFor("started", "gone");
    c.socket.close();
    expect(await watcher.waitFor("completed", "gone")).toMatchObject({ reason: "stopped" });
    expect(t.daemon.player.size).toBe(0);
  });

  it("gives up on a stream whose sender stalls, so it cannot hold the queue", async () => {
    const stalling = await startTestDaemon({ player: { stallTimeoutMs: 300 } });
    try {
      const c = await stalling.connect();
      c.send({ type: "play", id: "stall", format: "pcm" });
      await c.frame(0, tone(2400));
      expect((await c.waitFor("error", "stall")).message).toMatch(/no audio for 0.3 s: giving up/);
      expect(await c.waitFor("completed", "stall")).toMatchObject({ reason: "error", seconds: 0.1 });
      expect(withoutSilence(stalling.sink.recorded()).equals(tone(2400))).toBe(true); // what arrived still played
      expect(stalling.daemon.player.state).toBe("idle");
    } finally {
      await stalling.close();
    }
  });

  it("answers the WebSocket queue message and reports bad messages as errors", async () => {
    const c = await t.connect();
    c.send({ type: "queue" });
    expect(await c.waitFor("queue")).toEqual({ type: "queue", items: [] });
    c.send({ type: "play", format: "pcm", sampleRate: 44100 });
    expect((await c.waitFor("error")).message).toMatch(/sampleRate must be 24000/);
    c.send({ type: "warp" });
    await sleep(100);
    expect(c.of("error").map((e) => e.message)).toContainEqual(expect.stringMatching(/unknown message type "warp"; use play, end, pause/));
    await c.frame(0, tone(10));
    await sleep(100);
    expect(c.of("error").map((e) => e.message)).toContain("binary frame without a streaming play");
  });

  it("refuses WebSocket connections from web pages of other sites", async () => {
    const ws = new WebSocket(`${t.daemon.url.replace("http", "ws")}/ws`, { origin: "https://evil.example" });
    const err = await new Promise<Error>((resolve) => ws.once("error", resolve));
    expect(err.message).toMatch(/403/);
  });
});

describe("audio daemon HTTP API", () => {
  it("validates POST /play bodies", async () => {
    expect(await t.http("POST", "/play", {})).toEqual({ status: 400, body: { error: { message: "text is required" } } });
    expect((await t.http("POST", "/play", { text: "  " })).body).toEqual({ error: { message: "text is empty" } });
    expect((await t.http("POST", "/play", { text: "hi", speed: 9 })).status).toBe(400);
    expect((await t.http("POST", "/play", { text: "hi", mode: "shuffle" })).body).toEqual({ error: { message: "mode must be replace or queue" } });
    expect((await t.http("POST", "/play", "{nope")).status).toBe(400);
    expect((await t.http("POST", "/play", "text=hi", "application/x-www-form-urlencoded")).status).toBe(415);
    expect((await t.http("GET", "/nowhere")).status).toBe(404);
    expect((await t.http("POST", "/pause")).body).toEqual({ state: "idle" });
  });

  it("turns an unreachable speech server into an error event and stays healthy", async () => {
    const nowhere = await startTestDaemon({ server: "http://127.0.0.1:9" });
    try {
      const c = await nowhere.connect();
      const res = await nowhere.http("POST", "/play", { text: "Hello.", server: "http://127.0.0.1:9" });
      expect(res.status).toBe(202);
      const { id } = res.body as { id: string };
      expect((await c.waitFor("error", id)).message).toMatch(/no kokoro server at http:\/\/127\.0\.0\.1:9/);
      expect(await c.waitFor("completed", id)).toMatchObject({ reason: "error" });
      expect((await nowhere.http("GET", "/health")).body).toMatchObject({ status: "ok", state: "idle", queued: 0 });
    } finally {
      await nowhere.close();
    }
  });
});
