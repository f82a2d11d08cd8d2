// Reads a directory of per-voice `<name>.bin` files (raw little-endian float32 [510, 1, 256], no header): names and
// sizes at load, each file's floats on its first use.
import { readFileSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { float32FromLittleEndian } from "./float32-le.js";
import { kokoroNameProblem } from "./voice-names.js";
import { VoiceFileError } from "../errors.js";
import { PACK_BYTES, type PackSource } from "./voice-pack.js";
import { STYLE_DIM, STYLE_ROWS } from "../../model/contract.js";

const EXTENSION = ".bin";

function sizeProblem(path: string, bytes: number): string | null {
  return bytes === PACK_BYTES ? null : `${path}: ${bytes} bytes; a voice file is exactly ${PACK_BYTES} (float32 [${STYLE_ROWS}, 1, ${STYLE_DIM}])`;
}

/** One voice file's pack, read now: what first use calls (the size is checked again, the file may have changed). */
function readPack(path: string): Float32Array {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new VoiceFileError(`${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const problem = sizeProblem(path, bytes.byteLength);
  if (problem !== null) throw new VoiceFileError(problem);
  return float32FromLittleEndian(bytes);
}

/**
 * Lists every `*.bin` in `dir` as name -> pack read on first use. Other files are ignored; a `.bin` of the wrong
 * size is an error, and so is a name that `nameProblem` explains (by default: one that is not a Kokoro voice name).
 */
export async function readBinVoiceDir(dir: string, nameProblem: (name: string) => string | null = kokoroNameProblem): Promise<Map<string, PackSource>> {
  const entries = await readdir(dir, { withFileTypes: true });
  // Only names that readdir returned are joined to `dir`, never a requested voice name.
  const files = entries
    .filter((entry) => entry.name.endsWith(EXTENSION) && (entry.isFile() || entry.isSymbolicLink()))
    .map((entry) => entry.name)
    .sort();
  const voices = new Map<string, PackSource>();
  for (const file of files) {
    const path = join(dir, file);
    const name = file.slice(0, -EXTENSION.length);
    const problem = nameProblem(name);
    if (problem !== null) throw new VoiceFileError(`${path}: ${problem}`);
    const sizeIssue = sizeProblem(path, (await stat(path)).size);
    if (sizeIssue !== null) throw new VoiceFileError(sizeIssue);
    voices.set(name, () => readPack(path));
  }
  return voices;
}
