// Reads the voices of a NumPy .npz (a ZIP of `<voice>.npy` arrays, as kokoro-onnx's voices-v1.0.bin). Loading reads
// the central directory and each entry's .npy header; an entry's data is read (and CRC-checked) on first use.
import { listZipEntries, readZipEntry, readZipEntryHead, type ZipEntry } from "./zip.js";
import { checkNpyLength, parseFloat32Npy, parseFloat32NpyHeader } from "./npy.js";
import { voiceInfo } from "./voice-names.js";
import { VoiceFileError } from "../errors.js";
import { STYLE_DIM, STYLE_ROWS } from "../../model/contract.js";
import { withFileRanges } from "./file-range.js";
import { PACK_BYTES, type PackSource } from "./voice-pack.js";

// A voice .npy is the pack plus a header of a few hundred bytes; anything far bigger is not a voice.
const MAX_ENTRY_BYTES = PACK_BYTES + 64 * 1024;
// Enough of an entry to hold its .npy header (numpy pads headers to 64 or 128 bytes; 4 KB allows long ones).
const HEADER_BYTES = 4096;

function isVoiceShape(shape: readonly number[]): boolean {
  const [rows, ...rest] = shape;
  if (rows !== STYLE_ROWS) return false;
  return rest.length === 1 ? rest[0] === STYLE_DIM : rest.length === 2 && rest[0] === 1 && rest[1] === STYLE_DIM;
}

function checkShape(shape: readonly number[], where: string): void {
  if (!isVoiceShape(shape)) {
    const expected = `(${STYLE_ROWS}, 1, ${STYLE_DIM}) or (${STYLE_ROWS}, ${STYLE_DIM})`;
    throw new Error(`${where} has shape (${shape.join(", ")}); expected ${expected}`);
  }
}

/** Wraps a failure in VoiceFileError naming the file. */
function inFile<T>(path: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new VoiceFileError(`${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** The entry's pack, read whole and checked (CRC, header, length, shape): what first use calls. */
function readPack(path: string, entry: ZipEntry): Float32Array {
  return inFile(path, () =>
    withFileRanges(path, (file) => {
      const where = `entry '${entry.name}'`;
      const npy = parseFloat32Npy(readZipEntry(file, entry), where);
      checkShape(npy.shape, where);
      return npy.data;
    }),
  );
}

/**
 * The voices of the .npz at `path`, name -> pack read on first use. Checks now what its directory and headers tell:
 * names, duplicates, sizes, compression, dtype and shape; a corrupt pack (CRC) is found when it is first read.
 */
export function openNpzVoices(path: string): Map<string, PackSource> {
  return inFile(path, () =>
    withFileRanges(path, (file) => {
      const voices = new Map<string, PackSource>();
      for (const entry of listZipEntries(file)) {
        const where = `entry '${entry.name}'`;
        if (!entry.name.endsWith(".npy")) throw new Error(`${where} is not an .npy array`);
        const name = entry.name.slice(0, -".npy".length);
        const info = voiceInfo(name);
        if (typeof info === "string") throw new Error(`${where}: ${info}`);
        if (voices.has(name)) throw new Error(`${where} appears twice`);
        if (entry.uncompressedSize > MAX_ENTRY_BYTES) throw new Error(`${where} is ${entry.uncompressedSize} bytes, too big for a voice`);
        const header = parseFloat32NpyHeader(readZipEntryHead(file, entry, HEADER_BYTES), where);
        checkNpyLength(header, entry.uncompressedSize, where);
        checkShape(header.shape, where);
        voices.set(name, () => readPack(path, entry));
      }
      return voices;
    }),
  );
}
