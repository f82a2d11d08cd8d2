import type { Lang } from "../g2p/types.js";
import { normalizeText } from "../text/index.js";

/**
 * Collects text that arrives in pieces (an LLM's tokens) and hands out whole sentences as soon as they
 * are complete. The normalizer's own sentence splitter decides, so "Dr. Smith", "3.5" and "example.com"
 * never end a sentence early: a sentence is complete once the text after it has started another one.
 */
export class SentenceBuffer {
  private buffer = "";

  constructor(private readonly lang: Lang) {}

  /** Adds text; returns the text of every sentence that is now complete (possibly ""). */
  push(text: string): string {
    this.buffer += text;
    const pieces = normalizeText(this.buffer, { lang: this.lang });
    if (pieces.length < 2) return "";
    const cut = pieces[pieces.length - 2]!.span[1];
    const ready = this.buffer.slice(0, cut);
    this.buffer = this.buffer.slice(cut);
    return ready;
  }

  /** Characters (UTF-16 units) waiting for the end of their sentence. */
  get size(): number {
    return this.buffer.length;
  }

  /** Everything still buffered, complete or not (for `flush` and the end of input). */
  flush(): string {
    const rest = this.buffer;
    this.buffer = "";
    return rest;
  }
}
