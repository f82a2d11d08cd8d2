import type { Lang } from "../text/lang.js";
import { sentenceEndsOf } from "./front-end.js";

/** Where the sentences (and clauses) of a text end, as the normalizer splits it; may run in a worker. */
export type SentenceSplitter = (text: string, lang: Lang) => Promise<number[]>;

/** Characters that can end a sentence or clause; text without one of them is a single piece. */
const MAY_END = /[.!?;:,\u2013\u2014\-\n\r…。！？；：，、]/;

/**
 * Collects text that arrives in pieces (an LLM's tokens) and hands out whole sentences as soon as they
 * are complete. The normalizer's own sentence splitter decides, so "Dr. Smith", "3.5" and "example.com"
 * never end a sentence early: a sentence is complete once the text after it has started another one.
 * Text without any punctuation is not split again on every piece (that would be quadratic in the
 * buffer); callers flush it when it grows past their limit.
 */
export class SentenceBuffer {
  private buffer = "";
  private mayEnd = false;

  constructor(
    private readonly lang: Lang,
    private readonly split: SentenceSplitter = async (text, lang) => sentenceEndsOf(text, lang),
  ) {}

  /** Adds text; resolves to the text of every sentence that is now complete (possibly ""). */
  async push(text: string): Promise<string> {
    this.buffer += text;
    this.mayEnd ||= MAY_END.test(text);
    if (!this.mayEnd) return "";
    const ends = await this.split(this.buffer, this.lang);
    if (ends.length < 2) return "";
    const cut = ends[ends.length - 2]!;
    const ready = this.buffer.slice(0, cut);
    this.buffer = this.buffer.slice(cut);
    this.mayEnd = MAY_END.test(this.buffer);
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
    this.mayEnd = false;
    return rest;
  }
}
