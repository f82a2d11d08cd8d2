import { endianness } from "node:os";

const HOST_IS_LITTLE_ENDIAN = endianness() === "LE";

/**
 * Decodes little-endian float32 bytes into a new, aligned Float32Array. The bytes may sit at any offset
 * (inside a ZIP, after an .npy header), so they are always copied rather than viewed in place.
 */
export function float32FromLittleEndian(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength % 4 !== 0) {
    throw new RangeError(`float32 data of ${bytes.byteLength} bytes is not a multiple of 4`);
  }
  const out = new Float32Array(bytes.byteLength / 4);
  if (HOST_IS_LITTLE_ENDIAN) {
    new Uint8Array(out.buffer).set(bytes);
    return out;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

/** Little-endian float32 bytes of `values` (a voice `.bin` file's layout), as a new Buffer. */
export function float32ToLittleEndian(values: Float32Array): Buffer {
  const out = Buffer.alloc(values.byteLength);
  if (HOST_IS_LITTLE_ENDIAN) {
    out.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
    return out;
  }
  for (let i = 0; i < values.length; i++) out.writeFloatLE(values[i]!, i * 4);
  return out;
}
