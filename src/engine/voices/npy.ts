// Reads one NumPy .npy array of little-endian float32 (format versions 1.0, 2.0 and 3.0).
// Layout: "\x93NUMPY", major, minor, header length (u16 for v1, u32 for v2/v3), a Python dict literal
// such as {'descr': '<f4', 'fortran_order': False, 'shape': (510, 1, 256), }, then the raw data.
import { float32FromLittleEndian } from "./float32-le.js";

export interface Float32Npy {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const PREAMBLE = MAGIC.length + 2;

function headerField(header: string, key: string, valuePattern: string): string | undefined {
  return new RegExp(`['"]${key}['"]\\s*:\\s*${valuePattern}`).exec(header)?.[1];
}

function parseShape(text: string): number[] | undefined {
  const parts = text.split(",").map((part) => part.trim());
  if (parts.at(-1) === "") parts.pop(); // "(510,)" has a trailing comma
  if (parts.some((part) => !/^\d+$/.test(part))) return undefined;
  return parts.map(Number);
}

/** What an .npy header says: the array's shape and where its data starts. */
export interface NpyHeader {
  readonly shape: readonly number[];
  readonly dataStart: number;
  /** Data bytes the shape needs (4 per value). */
  readonly dataBytes: number;
}

/**
 * Parses the header at the start of `bytes` (the whole .npy or at least its header), which must describe a C-order
 * little-endian float32 array. `label` names the array in errors.
 */
export function parseFloat32NpyHeader(bytes: Uint8Array, label: string): NpyHeader {
  const fail = (why: string): never => {
    throw new Error(`${label}: ${why}`);
  };
  if (bytes.byteLength < PREAMBLE + 2 || MAGIC.some((byte, i) => bytes[i] !== byte)) {
    return fail("not a NumPy .npy array (bad magic)");
  }
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerStart: number;
  let headerLength: number;
  if (major === 1) {
    headerStart = PREAMBLE + 2;
    headerLength = view.getUint16(PREAMBLE, true);
  } else if (major === 2 || major === 3) {
    if (bytes.byteLength < PREAMBLE + 4) return fail("truncated header");
    headerStart = PREAMBLE + 4;
    headerLength = view.getUint32(PREAMBLE, true);
  } else {
    return fail(`unsupported .npy format version ${major}.${bytes[7]}`);
  }
  const dataStart = headerStart + headerLength;
  if (dataStart > bytes.byteLength) return fail("truncated header");
  // v1/v2 headers are latin1, v3 utf-8; every field we read is ASCII either way.
  const header = new TextDecoder(major === 3 ? "utf-8" : "latin1").decode(bytes.subarray(headerStart, dataStart));

  const descr = headerField(header, "descr", `['"]([^'"]*)['"]`);
  if (descr === undefined) return fail("header has no 'descr'");
  if (descr !== "<f4") return fail(`dtype '${descr}' is not supported (expected '<f4', little-endian float32)`);
  const fortranOrder = headerField(header, "fortran_order", "(True|False)");
  if (fortranOrder === undefined) return fail("header has no 'fortran_order'");
  if (fortranOrder === "True") return fail("Fortran-order arrays are not supported");
  const shapeText = headerField(header, "shape", "\\(([^)]*)\\)");
  const shape = shapeText === undefined ? undefined : parseShape(shapeText);
  if (shape === undefined) return fail("header has no valid 'shape'");
  return { shape, dataStart, dataBytes: shape.reduce((product, size) => product * size, 1) * 4 };
}

/** Checks that an .npy of `totalBytes` holds exactly the data its header describes. */
export function checkNpyLength(header: NpyHeader, totalBytes: number, label: string): void {
  const actualBytes = totalBytes - header.dataStart;
  if (actualBytes !== header.dataBytes) {
    throw new Error(`${label}: shape (${header.shape.join(", ")}) needs ${header.dataBytes} data bytes but there are ${actualBytes}`);
  }
}

/** Parses an .npy file that must hold a C-order little-endian float32 array. `label` names it in errors. */
export function parseFloat32Npy(bytes: Uint8Array, label: string): Float32Npy {
  const header = parseFloat32NpyHeader(bytes, label);
  checkNpyLength(header, bytes.byteLength, label);
  return { shape: header.shape, data: float32FromLittleEndian(bytes.subarray(header.dataStart)) };
}
