import { PHONEME_SENTENCE_END } from "./script/phoneme-pieces.js";

/**
 * Collects Kokoro phonemes that arrive in pieces and hands out whole sentences as soon as they are complete: a
 * sentence ends at a word that ends in `.` `!` `?` or `…` (as phoneme input is chunked, script/phoneme-pieces.ts),
 * once the white space after that word has arrived (so `…` split across pieces, or `.` before a closing `"`, is not
 * cut early). Each character is looked at once: linear in the text however it is split.
 */
export class PhonemeSentenceBuffer {
  /** The pieces since the last sentence handed out, joined only when one is (a string grown by `+=` and then read
   * character by character would be flattened on every push: quadratic). */
  private parts: string[] = [];
  private length = 0;
  /** The last character buffered: a sentence mark here ends a sentence if the next piece starts with a space. */
  private lastChar = "";

  /** Adds phonemes; resolves to every sentence that is now complete (possibly ""). */
  async push(text: string): Promise<string> {
    let cut = -1;
    let previous = this.lastChar;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (/\s/u.test(ch) && PHONEME_SENTENCE_END.has(previous)) cut = i + 1;
      previous = ch;
    }
    if (text !== "") this.lastChar = previous;
    if (cut === -1) {
      this.parts.push(text);
      this.length += text.length;
      return "";
    }
    const ready = this.parts.join("") + text.slice(0, cut);
    const rest = text.slice(cut);
    this.parts = rest === "" ? [] : [rest];
    this.length = rest.length;
    return ready;
  }

  /** Characters (UTF-16 units) waiting for the end of their sentence. */
  get size(): number {
    return this.length;
  }

  /** Everything still buffered, complete or not (for `flush` and the end of input). */
  flush(): string {
    const rest = this.parts.join("");
    this.parts = [];
    this.length = 0;
    this.lastChar = "";
    return rest;
  }
}
