// Reads the voices of a NumPy .npz (a ZIP of `<voice>.npy` arrays, as kokoro-onnx's voices-v1.0.bin).
import { listZipEntries, readZipEntry } from "./zip.js";
import { parseFloat32Npy } from "./npy.js";
import { voiceInfo } from "./voice-names.js";
import { VoiceFileError } from "../errors.js";
import { STYLE_DIM, STYLE_ROWS } from "../../model/contract.js";
import { PACK_BYTES } from "./voice-pack.js";

// A voice .npy is the pack plus a header of a few hundred bytes; anything far bigger is not a voice.
const MAX_ENTRY_BYTES = PACK_BYTES + 64 * 1024;

function isVoiceShape(shape: readonly number[]): boolean {
  const [rows, ...rest] = shape;
  if (rows !== STYLE_ROWS) return false;
  return rest.length === 1 ? rest[0] === STYLE_DIM : rest.length === 2 && rest[0] === 1 && rest[1] === STYLE_DIM;
}

function decodeEntries(bytes: Uint8Array): Map<string, Float32Array> {
  const voices = new Map<string, Float32Array>();
  for (const entry of listZipEntries(bytes)) {
    const where = `entry '${entry.name}'`;
    if (!entry.name.endsWith(".npy")) throw new Error(`${where} is not an .npy array`);
    const name = entry.name.slice(0, -".npy".length);
    const info = voiceInfo(name);
    if (typeof info === "string") throw new Error(`${where}: ${info}`);
    if (voices.has(name)) throw new Error(`${where} appears twice`);
    if (entry.uncompressedSize > MAX_ENTRY_BYTES) {
      throw new Error(`${where} is ${entry.uncompressedSize} bytes, too big for a voice`);
    }
    const npy = parseFloat32Npy(readZipEntry(bytes, entry), where);
    if (!isVoiceShape(npy.shape)) {
      const expected = `(${STYLE_ROWS}, 1, ${STYLE_DIM}) or (${STYLE_ROWS}, ${STYLE_DIM})`;
      throw new Error(`${where} has shape (${npy.shape.join(", ")}); expected ${expected}`);
    }
    voices.set(name, npy.data);
  }
  return voices;
}

/** Decodes every `<voice>.npy` entry of an .npz held in memory into name -> pack. `label` names the file. */
export function readNpzVoices(bytes: Uint8Array, label: string): Map<string, Float32Array> {
  try {
    return decodeEntries(bytes);
  } catch (error) {
    throw new VoiceFileError(`${label}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
