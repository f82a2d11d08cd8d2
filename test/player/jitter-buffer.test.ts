import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { wavHeader } from "../../src/audio/wav.js";
import { ByteQueue } from "../../src/player/byte-queue.js";
import { JitterBuffer } from "../../src/player/jitter-buffer.js";
import { ReorderBuffer } from "../../src/player/reorder-buffer.js";
import { WavHeaderStripper } from "../../src/player/wav-header-stripper.js";

/** A distinct, recognisable s16le sample stream: sample i = i + 1. */
function ramp(samples: number): Buffer {
  const b = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) b.writeInt16LE(((i + 1) % 32000) + 1, i * 2);
  return b;
}

function splitAt(buf: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (buf.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let from = 0;
  for (const p of [...points, buf.length]) {
    parts.push(buf.subarray(from, p));
    from = p;
  }
  return parts;
}

function drain(jb: JitterBuffer, step = 97): Buffer {
  const out: Buffer[] = [];
  while (jb.available > 0) out.push(jb.take(step));
  return Buffer.concat(out);
}

describe("ReorderBuffer", () => {
  it("releases frames in order once, whatever the arrival order and duplicates", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.array(fc.nat(), { maxLength: 40 }), fc.integer(), (n, dupIdx, seed) => {
        const seqs = Array.from({ length: n }, (_, i) => i);
        const arrivals = [...seqs, ...dupIdx.map((d) => d % n)];
        // Deterministic shuffle from the seed.
        let s = seed >>> 0;
        for (let i = arrivals.length - 1; i > 0; i--) {
          s = (s * 1103515245 + 12345) >>> 0;
          const j = s % (i + 1);
          [arrivals[i], arrivals[j]] = [arrivals[j]!, arrivals[i]!];
        }
        const rb = new ReorderBuffer();
        const out: number[] = [];
        for (const a of arrivals) out.push(...rb.push(a, Buffer.of(a)).map((b) => b[0]!));
        expect(out).toEqual(seqs.map((x) => x & 0xff));
        expect(rb.duplicates).toBe(dupIdx.length);
        expect(rb.pending).toBe(0);
      }),
    );
  });

  it("skips a gap only when told, counting the missing frames", () => {
    const rb = new ReorderBuffer();
    expect(rb.push(1, Buffer.of(1), 100)).toEqual([]);
    expect(rb.push(3, Buffer.of(3), 150)).toEqual([]);
    expect(rb.gapAge(400)).toBe(300);
    expect(rb.skipGap(400).map((b) => b[0])).toEqual([1]);
    expect(rb.flush().map((b) => b[0])).toEqual([3]);
    expect(rb.missing).toBe(2);
  });

  it("refuses a flood of frames behind a gap", () => {
    const rb = new ReorderBuffer({ maxFrames: 3 });
    for (const s of [1, 2, 3]) rb.push(s, Buffer.alloc(1));
    expect(() => rb.push(4, Buffer.alloc(1))).toThrow(/more than 3 frames/);
  });

  it("refuses more than maxBytes behind a gap, and counts bytes out again as frames are released", () => {
    const rb = new ReorderBuffer({ maxBytes: 10 });
    rb.push(1, Buffer.alloc(4));
    rb.push(2, Buffer.alloc(6));
    expect(rb.pendingBytes).toBe(10);
    expect(() => rb.push(3, Buffer.alloc(1))).toThrow("more than 10 bytes of audio would wait for frame 0, which never came");
    expect(rb.push(0, Buffer.alloc(100))).toHaveLength(3); // in order: no limit
    expect(rb.pendingBytes).toBe(0);
    rb.push(5, Buffer.alloc(10));
    expect(rb.skipGap()).toHaveLength(1);
    expect(rb.pendingBytes).toBe(0);
  });

  it("by default holds at most 8 MiB behind a gap, however few the frames", () => {
    const rb = new ReorderBuffer();
    const mib = Buffer.alloc(1 << 20);
    for (let seq = 1; seq <= 8; seq++) rb.push(seq, mib);
    expect(() => rb.push(9, mib)).toThrow(/more than 8388608 bytes/);
    expect(rb.pending).toBe(8);
  });
});

describe("ByteQueue", () => {
  it("hands out whole samples only: an odd byte waits for its partner", () => {
    const q = new ByteQueue();
    q.push(Buffer.of(1, 2, 3));
    expect(q.samples).toBe(1);
    expect([...q.take(10)]).toEqual([1, 2]);
    q.push(Buffer.of(4));
    expect([...q.take(10)]).toEqual([3, 4]);
    expect(q.length).toBe(0);
  });
});

describe("JitterBuffer", () => {
  it("odd-length reads, in any order, come out as the original samples", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.array(fc.nat(), { maxLength: 30 }), fc.integer(), (samples, cuts, seed) => {
        const audio = ramp(samples);
        const frames = splitAt(audio, cuts).map((payload, seq) => ({ seq, payload }));
        let s = seed >>> 0;
        const order = [...frames, ...frames.slice(0, 3)].sort(() => ((s = (s * 1664525 + 1013904223) >>> 0) & 1 ? 1 : -1));
        const jb = new JitterBuffer();
        const out: Buffer[] = [];
        for (const f of order) {
          jb.push(f.seq, f.payload);
          out.push(jb.take(jb.available)); // reading between arrivals must never shift alignment
        }
        jb.end();
        out.push(drain(jb));
        expect(Buffer.concat(out).equals(audio)).toBe(true);
        expect(jb.drained).toBe(true);
      }),
    );
  });

  it("plays the final partial chunk after end", () => {
    const jb = new JitterBuffer();
    jb.push(0, ramp(1000));
    jb.push(1, ramp(7)); // a short last chunk
    expect(jb.drained).toBe(false);
    jb.end();
    expect(drain(jb, 480).length).toBe(2014);
    expect(jb.drained).toBe(true);
  });

  it("releases frames waiting behind a stale gap, and drops frames after end", () => {
    const jb = new JitterBuffer();
    jb.push(1, ramp(10), 0);
    expect(jb.available).toBe(0);
    expect(jb.skipStaleGap(500, 1000)).toBe(false);
    expect(jb.skipStaleGap(1000, 1000)).toBe(true);
    expect(jb.available).toBe(10);
    expect(jb.stats().missing).toBe(1);
    jb.end();
    jb.push(2, ramp(10));
    expect(jb.available).toBe(10);
  });

  it("never plays a WAV header, even one split across frames and arriving out of order", () => {
    const audio = ramp(500);
    const wav = Buffer.concat([wavHeader(0xffffffff - 36), audio]); // a streamed WAV's placeholder sizes
    const parts = splitAt(wav, [3, 10, 20, 41, 45, 600]);
    const jb = new JitterBuffer();
    [...parts.keys()].reverse().forEach((seq) => jb.push(seq, parts[seq]!));
    jb.end();
    expect(drain(jb).equals(audio)).toBe(true);
  });
});

describe("WavHeaderStripper", () => {
  it("skips chunks before data and passes raw PCM untouched", () => {
    const list = Buffer.concat([Buffer.from("LIST"), Buffer.from([4, 0, 0, 0]), Buffer.from("abcd")]);
    const h = wavHeader(4);
    const withList = Buffer.concat([h.subarray(0, 36), list, h.subarray(36), Buffer.of(9, 9, 8, 8)]);
    expect([...new WavHeaderStripper().push(withList)]).toEqual([9, 9, 8, 8]);
    const raw = new WavHeaderStripper();
    expect([...raw.push(Buffer.of(1, 2, 3))]).toEqual([1, 2, 3]);
    const short = new WavHeaderStripper();
    expect(short.push(Buffer.from("RI")).length).toBe(0);
    expect(short.end().toString()).toBe("RI");
  });

  it("refuses a WAV it cannot play", () => {
    const h = wavHeader(0, { sampleRate: 44_100, channels: 2, bitsPerSample: 16 });
    expect(() => new WavHeaderStripper().push(h)).toThrow(/unplayable WAV format/);
  });
});
