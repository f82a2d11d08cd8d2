import { KOKORO_VOCAB } from "../../g2p/vocab.js";
import { scriptError } from "./script-error.js";

/**
 * Kokoro phonemes as a client writes them, checked against the model's vocabulary: any run of white space is one
 * space (a word boundary). A symbol outside the vocabulary is a 400 naming it and its position (in characters,
 * from 1, within `what`).
 */
export function checkedPhonemes(text: string, what = "input"): string {
  let out = "";
  let position = 0;
  let space = false;
  for (const ch of text) {
    position++;
    if (/\s/u.test(ch)) {
      space = out !== "";
      continue;
    }
    if (!KOKORO_VOCAB.has(ch)) {
      const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
      throw scriptError(`invalid phoneme symbol '${ch}' (${code}) at position ${position} of ${what}: not in Kokoro's vocabulary`, "invalid_phonemes");
    }
    if (space) out += " ";
    space = false;
    out += ch;
  }
  return out;
}
