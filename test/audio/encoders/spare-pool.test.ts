import { afterEach, describe, expect, it } from "vitest";
import { FfmpegEncoder } from "../../../src/audio/encoders/ffmpeg-encoder.js";
import { ffmpegArgs, resolveFfmpegPath } from "../../../src/audio/encoders/ffmpeg-settings.js";
import { closeSpareEncoders, takeFfmpegEncoder } from "../../../src/audio/encoders/spare-pool.js";

// Real ffmpeg processes: the pool must hand out a started spare, replace it, and never hand out a dead one.
afterEach(async () => closeSpareEncoders());

describe("ffmpeg spare pool", () => {
  const made: FfmpegEncoder[] = [];
  const make = (): FfmpegEncoder => {
    const e = new FfmpegEncoder("mp3", resolveFfmpegPath(), ffmpegArgs("mp3"));
    made.push(e);
    return e;
  };

  it("the second stream gets the spare started for it, and a new spare is started", async () => {
    made.length = 0;
    const first = takeFfmpegEncoder(make, "k");
    expect(made).toHaveLength(2); // the encoder and a spare
    const spare = made[1]!;
    const second = takeFfmpegEncoder(make, "k");
    expect(second).toBe(spare);
    expect(made).toHaveLength(3);
    // Both encode normally.
    for (const encoder of [first, second]) {
      const parts: Buffer[] = [];
      const read = (async () => {
        for await (const p of encoder.output) parts.push(p as Buffer);
      })();
      await encoder.write(new Float32Array(24_000).map((_, i) => Math.sin(i / 10) * 0.3));
      await encoder.end();
      await read;
      expect(Buffer.concat(parts).length).toBeGreaterThan(1000);
    }
  });

  it("never hands out a spare that has died", () => {
    made.length = 0;
    takeFfmpegEncoder(make, "d");
    const spare = made[1]!;
    spare.abort(); // as if its ffmpeg had been killed
    const next = takeFfmpegEncoder(make, "d");
    expect(next).not.toBe(spare);
    expect(next.isFresh).toBe(true);
  });
});
