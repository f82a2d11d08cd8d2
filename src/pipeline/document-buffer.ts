import { SpeechInputError } from "./errors.js";

/**
 * Collects the pieces of one SSML document until the client says it is complete (`flush` or `end`): a document is
 * compiled as a whole, with the same compiler as an HTTP request's input, so it is never cut. Bounded like an HTTP
 * input: a document past `maxChars` characters is dropped with a SpeechInputError, and so is the rest of it, up to
 * the next flush.
 */
export class DocumentBuffer {
  private parts: string[] = [];
  private chars = 0;
  private dropping = false;

  constructor(private readonly maxChars: number) {}

  /** Adds a piece; never completes a document by itself (resolves to ""). */
  async push(text: string): Promise<string> {
    if (this.dropping) return "";
    this.chars += [...text].length;
    if (this.chars > this.maxChars) {
      this.parts = [];
      this.chars = 0;
      this.dropping = true;
      throw new SpeechInputError(`an SSML document is limited to ${this.maxChars} characters; it is dropped up to the next flush (send flush after each document)`, "input_too_long", "input");
    }
    this.parts.push(text);
    return "";
  }

  /** Characters of the document so far: never more than maxChars, so it is never spoken before it is complete. */
  get size(): number {
    return this.chars;
  }

  /** The whole document (for `flush` and the end of input); a dropped one ends here. */
  flush(): string {
    const document = this.parts.join("");
    this.parts = [];
    this.chars = 0;
    this.dropping = false;
    return document;
  }
}
