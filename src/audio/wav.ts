import { SAMPLE_RATE } from "../model/contract.js";

export interface WavFormat {
  readonly sampleRate: number;
  readonly channels: number;
  readonly bitsPerSample: number;
}

export const KOKORO_WAV: WavFormat = { sampleRate: SAMPLE_RATE, channels: 1, bitsPerSample: 16 };

/** A 44-byte canonical RIFF/WAVE header (PCM) for `dataBytes` bytes of sample data. */
export function wavHeader(dataBytes: number, format: WavFormat = KOKORO_WAV): Buffer {
  const blockAlign = (format.channels * format.bitsPerSample) / 8;
  const h = Buffer.alloc(44);
  h.write("RIFF", 0, "ascii");
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write("WAVE", 8, "ascii");
  h.write("fmt ", 12, "ascii");
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(format.channels, 22);
  h.writeUInt32LE(format.sampleRate, 24);
  h.writeUInt32LE(format.sampleRate * blockAlign, 28);
  h.writeUInt16LE(blockAlign, 32);
  h.writeUInt16LE(format.bitsPerSample, 34);
  h.write("data", 36, "ascii");
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

/** A complete WAV file around s16le sample bytes. */
export function encodeWav(pcmBytes: Buffer, format: WavFormat = KOKORO_WAV): Buffer {
  return Buffer.concat([wavHeader(pcmBytes.length, format), pcmBytes]);
}
