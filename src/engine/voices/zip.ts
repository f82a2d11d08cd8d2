// A minimal ZIP reader for NumPy .npz files: the central directory, stored and deflated entries,
// CRC-checked. Hand-written because no maintained npm package reads .npz into typed arrays without
// pulling in a general archive library, and the subset .npz needs is small. ZIP64, multi-disk
// archives and encryption are rejected with a clear error.
import { crc32, inflateRawSync } from "node:zlib";

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
  readonly flags: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
const MAX_COMMENT = 0xffff;
const SATURATED_16 = 0xffff;
const SATURATED_32 = 0xffffffff;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;
const FLAG_ENCRYPTED = 0x1;

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function findEndOfCentralDirectory(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - EOCD_SIZE - MAX_COMMENT);
  for (let at = view.byteLength - EOCD_SIZE; at >= lowest; at--) {
    // The record must end exactly at the end of the file, after its comment; this skips look-alike bytes.
    const commentLength = view.getUint16(at + 20, true);
    if (view.getUint32(at, true) === EOCD_SIGNATURE && at + EOCD_SIZE + commentLength === view.byteLength) return at;
  }
  throw new Error("no end-of-central-directory record (truncated, or not a ZIP archive)");
}

/** Lists the entries of a ZIP archive held in memory, from its central directory. */
export function listZipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = viewOf(bytes);
  const eocd = findEndOfCentralDirectory(view);
  const disk = view.getUint16(eocd + 4, true);
  const centralDisk = view.getUint16(eocd + 6, true);
  const count = view.getUint16(eocd + 10, true);
  const centralSize = view.getUint32(eocd + 12, true);
  const centralOffset = view.getUint32(eocd + 16, true);
  if (count === SATURATED_16 || centralSize === SATURATED_32 || centralOffset === SATURATED_32) {
    throw new Error("ZIP64 archives are not supported");
  }
  if (disk !== 0 || centralDisk !== 0) throw new Error("multi-disk ZIP archives are not supported");
  if (centralOffset + centralSize > eocd) throw new Error("central directory lies outside the archive");

  const entries: ZipEntry[] = [];
  let at = centralOffset;
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_SIZE > eocd || view.getUint32(at, true) !== CENTRAL_SIGNATURE) {
      throw new Error(`central directory entry ${i} is corrupt`);
    }
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const nameEnd = at + CENTRAL_SIZE + nameLength;
    if (nameEnd > eocd) throw new Error(`central directory entry ${i} is corrupt`);
    const entry: ZipEntry = {
      name: new TextDecoder().decode(bytes.subarray(at + CENTRAL_SIZE, nameEnd)),
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      crc32: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      uncompressedSize: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    };
    if (
      entry.compressedSize === SATURATED_32 ||
      entry.uncompressedSize === SATURATED_32 ||
      entry.localHeaderOffset === SATURATED_32
    ) {
      throw new Error(`entry '${entry.name}': ZIP64 entries are not supported`);
    }
    entries.push(entry);
    at = nameEnd + extraLength + commentLength;
  }
  return entries;
}

/** The uncompressed bytes of one entry, checked against its size and CRC-32. */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const fail = (why: string): never => {
    throw new Error(`entry '${entry.name}': ${why}`);
  };
  if (entry.flags & FLAG_ENCRYPTED) fail("encrypted entries are not supported");
  const view = viewOf(bytes);
  const local = entry.localHeaderOffset;
  if (local + LOCAL_SIZE > bytes.byteLength || view.getUint32(local, true) !== LOCAL_SIGNATURE) {
    fail("local header is missing or corrupt");
  }
  // The local header's name and extra lengths can differ from the central directory's
  // (np.savez writes a ZIP64 extra field only in the local header), so read them here.
  const start = local + LOCAL_SIZE + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.byteLength) fail("data runs past the end of the archive (truncated?)");
  const raw = bytes.subarray(start, end);

  let data: Uint8Array;
  if (entry.method === METHOD_STORED) {
    if (entry.compressedSize !== entry.uncompressedSize) fail("stored entry has mismatched sizes");
    data = raw;
  } else if (entry.method === METHOD_DEFLATE) {
    try {
      // Bounded output, so a forged header cannot make us inflate more than it declares.
      data = inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    } catch (error) {
      return fail(`deflate data is corrupt (${error instanceof Error ? error.message : String(error)})`);
    }
    if (data.byteLength !== entry.uncompressedSize) fail("inflated size does not match the declared size");
  } else {
    return fail(`compression method ${entry.method} is not supported (only stored and deflate)`);
  }
  if (crc32(data) !== entry.crc32) fail("CRC-32 mismatch (corrupt data)");
  return data;
}
