import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { autoPlayer, findOnPath, openSink, parseSinkSpec } from "../../../src/player/sinks/choose-sink.js";
import { FileSink } from "../../../src/player/sinks/file-sink.js";
import { ProcessSink } from "../../../src/player/sinks/process-sink.js";
import { PLAYERS, type PlayerCommand } from "../../../src/player/sinks/players.js";
import { parseWav } from "../../helpers/test-server.js";
import { sleep, tone } from "../daemon-harness.js";

const scratch = mkdtempSync(path.join(os.tmpdir(), "kokoro-sinks-"));

/** A fake "player": a real process that copies its stdin to a file. */
function catTo(file: string): PlayerCommand {
  return { name: "cat", command: process.execPath, args: ["-e", `process.stdin.pipe(require("fs").createWriteStream(${JSON.stringify(file)}))`], latencyMs: 0 };
}

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await sleep(20);
  }
}

describe("sink choice", () => {
  it("parses sink specs", () => {
    expect(parseSinkSpec("auto")).toEqual({ kind: "auto" });
    expect(parseSinkSpec("null")).toEqual({ kind: "null" });
    expect(parseSinkSpec("file:out.wav")).toEqual({ kind: "file", path: path.resolve("out.wav") });
    expect(parseSinkSpec("sox")).toEqual({ kind: "player", name: "play" });
    expect(() => parseSinkSpec("afplay")).toThrow(/unknown sink 'afplay'.*ffplay, play, aplay, paplay/);
    expect(() => parseSinkSpec("file:")).toThrow(/file:PATH/);
  });

  it("auto picks the first installed player in the platform's order, else the null sink", async () => {
    const bin = mkdtempSync(path.join(scratch, "bin-"));
    const env = { PATH: bin };
    expect(autoPlayer(env, "linux")).toBeUndefined();
    const fallback = await openSink({ kind: "auto" }, env);
    expect(fallback.sink.name).toBe("null");
    expect(fallback.warning).toMatch(/no audio player found/);
    for (const name of ["aplay", "ffplay"]) {
      writeFileSync(path.join(bin, name), "#!/bin/sh\n");
      chmodSync(path.join(bin, name), 0o755);
    }
    expect(findOnPath("aplay", env, "linux")).toBe(path.join(bin, "aplay"));
    expect(autoPlayer(env, "linux")).toBe("ffplay"); // ffplay before aplay on Linux
    expect(autoPlayer(env, "darwin")).toBe("ffplay"); // no sox: ffplay on macOS
    await expect(openSink({ kind: "player", name: "paplay" }, env)).rejects.toThrow(/paplay is not installed/);
  });
});

describe("file sink", () => {
  it("writes a WAV that is complete after every utterance, or raw PCM", async () => {
    const wavPath = path.join(scratch, "out.wav");
    const sink = await FileSink.open(wavPath);
    await sink.write(tone(100));
    await sink.flush();
    expect(parseWav(readFileSync(wavPath)).samples).toHaveLength(100);
    await sink.write(tone(50, 5));
    await sink.close();
    const wav = parseWav(readFileSync(wavPath));
    expect(wav).toMatchObject({ streamed: false, sampleRate: 24000, channels: 1 });
    expect(Buffer.from(wav.samples.buffer).equals(Buffer.concat([tone(100), tone(50, 5)]))).toBe(true);

    const rawPath = path.join(scratch, "out.pcm");
    const raw = await FileSink.open(rawPath);
    await raw.write(tone(10));
    await raw.close();
    expect(readFileSync(rawPath).equals(tone(10))).toBe(true);
  });
});

describe("process sink", () => {
  it("feeds a real process in order, a little ahead of its clock, after a short priming silence", async () => {
    const file = path.join(scratch, "cat.raw");
    const sink = new ProcessSink(catTo(file), { leadMs: 100 });
    const audio = tone(2400 * 3);
    let offset = 0;
    while (offset < audio.length) {
      await until(() => sink.room() >= 480);
      const n = Math.min(sink.room(), 480) * 2;
      await sink.write(audio.subarray(offset, offset + n));
      offset += n;
      expect(sink.ahead()).toBeLessThanOrEqual(2400);
    }
    await sink.close();
    const got = readFileSync(file);
    expect(got.subarray(0, 960).every((b) => b === 0)).toBe(true); // 20 ms of priming silence
    expect(got.subarray(960).equals(audio)).toBe(true);
  });

  it("stop kills the player and starts a fresh one at once; a dead player is reported on the next write", async () => {
    const file = path.join(scratch, "restart.raw");
    const sink = new ProcessSink(catTo(file));
    await sink.write(tone(100));
    await sink.discard();
    expect(sink.ahead()).toBe(0);
    await sink.write(tone(100, 3));
    await sink.close();
    await until(() => readFileSync(file).length >= 960 + 200);
    expect(readFileSync(file).subarray(960).equals(tone(100, 3))).toBe(true); // the new process got the new audio

    const dying = new ProcessSink({ name: "dies", command: process.execPath, args: ["-e", "console.error('no audio device'); process.exit(3)"], latencyMs: 0 });
    const failure = (async () => {
      for (;;) {
        await dying.write(tone(10)); // accepted until the process is seen to have died
        await sleep(50);
      }
    })();
    await expect(failure).rejects.toThrow(/dies exited \(code 3\): no audio device/);
    await dying.close();
  });

  it.skipIf(!findOnPath("ffplay"))("plays through ffplay in real time, and pause freezes it (SDL dummy audio device)", async () => {
    const sink = new ProcessSink(PLAYERS.ffplay!, { env: { ...process.env, SDL_AUDIODRIVER: "dummy" } });
    const started = performance.now();
    const audio = tone(24_000);
    let offset = 0;
    let pausedAt = 0;
    while (offset < audio.length) {
      await until(() => sink.room() >= 480);
      const n = Math.min(sink.room(), 2400) * 2;
      await sink.write(audio.subarray(offset, offset + n));
      offset += n;
      if (!pausedAt && offset > audio.length / 2) {
        sink.pause();
        pausedAt = sink.played();
        await sleep(500);
        expect(sink.played()).toBe(pausedAt);
        sink.resume();
      }
    }
    await until(() => sink.ahead() === 0);
    expect(performance.now() - started).toBeGreaterThan(1300); // 1 s of audio + 0.5 s paused
    await sink.write(tone(10)); // still alive after SIGSTOP/SIGCONT
    await sink.close();
  });
});
