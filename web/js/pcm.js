// The speech stream's audio: base64 of raw s16le, 24 kHz mono. Deltas may split a sample between two
// events, so the odd byte is carried over to the next one.

export const SAMPLE_RATE = 24000;

/** The bytes of a base64 string. */
export function base64ToBytes(base64) {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Turns successive pieces of an s16le stream into float samples in [-1, 1). */
export function createPcm16Decoder() {
  let carry = null;
  return {
    decode(piece) {
      let bytes = piece;
      if (carry !== null) {
        bytes = new Uint8Array(piece.length + 1);
        bytes[0] = carry;
        bytes.set(piece, 1);
        carry = null;
      }
      const count = bytes.length >> 1;
      if (bytes.length % 2 === 1) carry = bytes[bytes.length - 1];
      const view = new DataView(bytes.buffer, bytes.byteOffset, count * 2);
      const samples = new Float32Array(count);
      for (let i = 0; i < count; i++) samples[i] = view.getInt16(i * 2, true) / 32768;
      return samples;
    },
    /** Bytes held back waiting for the other half of a sample (0 or 1). */
    get pending() {
      return carry === null ? 0 : 1;
    },
  };
}
