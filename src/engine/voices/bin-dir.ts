// Reads a directory of per-voice `<name>.bin` files (raw little-endian float32 [510, 1, 256], no header).
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { float32FromLittleEndian } from "./float32-le.js";
import { kokoroNameProblem } from "./voice-names.js";
import { VoiceFileError } from "../errors.js";
import { PACK_BYTES } from "./voice-pack.js";
import { STYLE_DIM, STYLE_ROWS } from "../../model/contract.js";

const EXTENSION = ".bin";

/**
 * Loads every `*.bin` in `dir` into name -> pack. Other files are ignored; a bad `.bin` is an error, and so is a
 * name that `nameProblem` explains (by default: one that is not a Kokoro voice name).
 */
export async function readBinVoiceDir(dir: string, nameProblem: (name: string) => string | null = kokoroNameProblem): Promise<Map<string, Float32Array>> {
  const entries = await readdir(dir, { withFileTypes: true });
  // Only names that readdir returned are joined to `dir`, never a requested voice name.
  const files = entries
    .filter((entry) => entry.name.endsWith(EXTENSION) && (entry.isFile() || entry.isSymbolicLink()))
    .map((entry) => entry.name)
    .sort();
  const voices = new Map<string, Float32Array>();
  for (const file of files) {
    const path = join(dir, file);
    const name = file.slice(0, -EXTENSION.length);
    const problem = nameProblem(name);
    if (problem !== null) throw new VoiceFileError(`${path}: ${problem}`);
    const bytes = await readFile(path);
    if (bytes.byteLength !== PACK_BYTES) {
      throw new VoiceFileError(
        `${path}: ${bytes.byteLength} bytes; a voice file is exactly ${PACK_BYTES} (float32 [${STYLE_ROWS}, 1, ${STYLE_DIM}])`,
      );
    }
    voices.set(name, float32FromLittleEndian(bytes));
  }
  return voices;
}
