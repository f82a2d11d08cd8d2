// A minimal ZIP reader for NumPy .npz files: the central directory, stored and deflated entries,
// CRC-checked, read from the file by ranges (an entry is read only when it is needed). Hand-written because no
// maintained npm package reads .npz into typed arrays without pulling in a general archive library, and the
// subset .npz needs is small. ZIP64, multi-disk archives and encryption are rejected with a clear error.
import { constants, crc32, inflateRawSync } from "node:zlib";
import type { FileRanges } from "./file-range.js";

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

/** The end record's offset in `tail`, the archive's last bytes: it must end exactly where the archive does, after its comment. */
function findEndOfCentralDirectory(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - EOCD_SIZE - MAX_COMMENT);
  for (let at = view.byteLength - EOCD_SIZE; at >= lowest; at--) {
    // Checking where the comment ends skips look-alike bytes.
    const commentLength = view.getUint16(at + 20, true);
    if (view.getUint32(at, true) === EOCD_SIGNATURE && at + EOCD_SIZE + commentLength === view.byteLength) return at;
  }
  throw new Error("no end-of-central-directory record (truncated, or not a ZIP archive)");
}

/** Lists the entries of the ZIP archive in `file`, from its central directory (two reads: the tail and the directory). */
export function listZipEntries(file: FileRanges): ZipEntry[] {
  const tailStart = Math.max(0, file.size - EOCD_SIZE - MAX_COMMENT);
  const tail = viewOf(file.read(tailStart, file.size - tailStart));
  const at = findEndOfCentralDirectory(tail);
  const eocd = tailStart + at;
  const disk = tail.getUint16(at + 4, true);
  const centralDisk = tail.getUint16(at + 6, true);
  const count = tail.getUint16(at + 10, true);
  const centralSize = tail.getUint32(at + 12, true);
  const centralOffset = tail.getUint32(at + 16, true);
  if (count === SATURATED_16 || centralSize === SATURATED_32 || centralOffset === SATURATED_32) {
    throw new Error("ZIP64 archives are not supported");
  }
  if (disk !== 0 || centralDisk !== 0) throw new Error("multi-disk ZIP archives are not supported");
  if (centralOffset + centralSize > eocd) throw new Error("central directory lies outside the archive");
  return parseCentralDirectory(file.read(centralOffset, centralSize), count);
}

function parseCentralDirectory(bytes: Uint8Array, count: number): ZipEntry[] {
  const view = viewOf(bytes);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_SIZE > bytes.byteLength || view.getUint32(at, true) !== CENTRAL_SIGNATURE) {
      throw new Error(`central directory entry ${i} is corrupt`);
    }
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const nameEnd = at + CENTRAL_SIZE + nameLength;
    if (nameEnd > bytes.byteLength) throw new Error(`central directory entry ${i} is corrupt`);
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

function failFor(entry: ZipEntry): (why: string) => never {
  return (why) => {
    throw new Error(`entry '${entry.name}': ${why}`);
  };
}

/** Where the entry's (compressed) data starts in the archive, from its local header; checks what can be checked there. */
function dataStart(file: FileRanges, entry: ZipEntry): number {
  const fail = failFor(entry);
  if (entry.flags & FLAG_ENCRYPTED) fail("encrypted entries are not supported");
  if (entry.method !== METHOD_STORED && entry.method !== METHOD_DEFLATE) {
    fail(`compression method ${entry.method} is not supported (only stored and deflate)`);
  }
  if (entry.method === METHOD_STORED && entry.compressedSize !== entry.uncompressedSize) fail("stored entry has mismatched sizes");
  const local = entry.localHeaderOffset;
  if (local + LOCAL_SIZE > file.size) fail("local header is missing or corrupt");
  const header = viewOf(file.read(local, LOCAL_SIZE));
  if (header.getUint32(0, true) !== LOCAL_SIGNATURE) fail("local header is missing or corrupt");
  // The local header's name and extra lengths can differ from the central directory's
  // (np.savez writes a ZIP64 extra field only in the local header), so read them here.
  const start = local + LOCAL_SIZE + header.getUint16(26, true) + header.getUint16(28, true);
  if (start + entry.compressedSize > file.size) fail("data runs past the end of the archive (truncated?)");
  return start;
}

/**
 * The first bytes of an entry's uncompressed data (at most `length`; fewer only when the entry is shorter), without
 * reading the rest: a deflated entry's prefix is inflated with a sync flush, which gives what the prefix holds.
 */
export function readZipEntryHead(file: FileRanges, entry: ZipEntry, length: number): Uint8Array {
  const start = dataStart(file, entry);
  if (entry.method === METHOD_STORED) return file.read(start, Math.min(length, entry.compressedSize));
  // Deflate rarely expands data by more than a few bytes per 16 KB: `length` + 1 KB of input gives `length` of output.
  const raw = file.read(start, Math.min(entry.compressedSize, length + 1024));
  try {
    return inflateRawSync(raw, { finishFlush: constants.Z_SYNC_FLUSH }).subarray(0, length);
  } catch (error) {
    return failFor(entry)(`deflate data is corrupt (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** The uncompressed bytes of one entry, checked against its size and CRC-32. */
export function readZipEntry(file: FileRanges, entry: ZipEntry): Uint8Array {
  const fail = failFor(entry);
  const raw = file.read(dataStart(file, entry), entry.compressedSize);
  let data: Uint8Array;
  if (entry.method === METHOD_STORED) data = raw;
  else {
    try {
      // Bounded output, so a forged header cannot make us inflate more than it declares.
      data = inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    } catch (error) {
      return fail(`deflate data is corrupt (${error instanceof Error ? error.message : String(error)})`);
    }
    if (data.byteLength !== entry.uncompressedSize) fail("inflated size does not match the declared size");
  }
  if (crc32(data) !== entry.crc32) fail("CRC-32 mismatch (corrupt data)");
  return data;
}
