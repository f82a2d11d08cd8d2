// The daemon's binary WebSocket frames (kept apart from protocol.ts so clients need not load zod).

/** Binary frames: a 4-byte big-endian sequence number, then s16le PCM. */
export function encodeFrame(seq: number, pcm: Buffer): Buffer {
  const head = Buffer.allocUnsafe(4);
  head.writeUInt32BE(seq >>> 0, 0);
  return Buffer.concat([head, pcm]);
}

export function decodeFrame(frame: Buffer): { seq: number; pcm: Buffer } {
  if (frame.length < 4) throw new RangeError("binary frame shorter than its 4-byte sequence number");
  return { seq: frame.readUInt32BE(0), pcm: frame.subarray(4) };
}
