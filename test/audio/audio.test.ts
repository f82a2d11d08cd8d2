import { describe, expect, it } from "vitest";
import { floatToInt16, int16ToBytes, concatFloat32 } from "../../src/audio/pcm.js";
import { encodeWav, wavHeader } from "../../src/audio/wav.js";

describe("PCM", () => {
  it("clips instead of wrapping and maps NaN to silence", () => {
    const out = floatToInt16(Float32Array.from([0, 1, -1, 1.5, -2, 0.5, Number.NaN]));
    expect([...out]).toEqual([0, 32767, -32768, 32767, -32768, 16384, 0]);
  });

  it("writes little-endian bytes", () => {
    expect([...int16ToBytes(Int16Array.from([1, -2, 256]))]).toEqual([1, 0, 0xfe, 0xff, 0, 1]);
  });

  it("concatenates in order", () => {
    expect([...concatFloat32([Float32Array.of(1, 2), new Float32Array(0), Float32Array.of(3)])]).toEqual([1, 2, 3]);
  });
});

describe("WAV", () => {
  it("writes a canonical 24 kHz mono 16-bit header with exact sizes", () => {
    const h = wavHeader(1000);
    expect(h.length).toBe(44);
    expect(h.toString("ascii", 0, 4)).toBe("RIFF");
    expect(h.readUInt32LE(4)).toBe(1036);
    expect(h.toString("ascii", 8, 16)).toBe("WAVEfmt ");
    expect(h.readUInt16LE(20)).toBe(1); // PCM
    expect(h.readUInt16LE(22)).toBe(1);
    expect(h.readUInt32LE(24)).toBe(24000);
    expect(h.readUInt32LE(28)).toBe(48000);
    expect(h.readUInt16LE(32)).toBe(2);
    expect(h.readUInt16LE(34)).toBe(16);
    expect(h.toString("ascii", 36, 40)).toBe("data");
    expect(h.readUInt32LE(40)).toBe(1000);
  });

  it("wraps the sample bytes", () => {
    const wav = encodeWav(Buffer.from([1, 2, 3, 4]));
    expect(wav.length).toBe(48);
    expect([...wav.subarray(44)]).toEqual([1, 2, 3, 4]);
  });

});
