/** Float samples in [-1, 1] to signed 16-bit, clipping out-of-range values instead of wrapping. */
export function floatToInt16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i]!;
    const clipped = s > 1 ? 1 : s < -1 ? -1 : Number.isNaN(s) ? 0 : s;
    out[i] = clipped < 0 ? Math.round(clipped * 32768) : Math.round(clipped * 32767);
  }
  return out;
}

/** Little-endian bytes of int16 samples (s16le), independent of the host's byte order. */
export function int16ToBytes(samples: Int16Array): Buffer {
  const buf = Buffer.allocUnsafe(samples.length * 2);
  for (let i = 0; i < samples.length; i++) buf.writeInt16LE(samples[i]!, i * 2);
  return buf;
}

export function concatFloat32(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
