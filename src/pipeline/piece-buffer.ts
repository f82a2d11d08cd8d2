import type { Lang } from "../text/lang.js";
import { DocumentBuffer } from "./document-buffer.js";
import { PhonemeSentenceBuffer } from "./phoneme-sentence-buffer.js";
import type { InputFormat } from "./script/input-formats.js";
import { SentenceBuffer, type SentenceSplitter } from "./sentence-buffer.js";

/** Text that arrives in pieces, handed out in the units the pipeline speaks one by one (a WebSocket session's). */
export interface PieceBuffer {
  /** Adds a piece; resolves to every unit that is now complete (possibly ""). May throw a SpeechInputError. */
  push(text: string): Promise<string>;
  /** Characters waiting: past the caller's limit it flushes them as they stand. */
  readonly size: number;
  /** Everything still buffered, complete or not (`flush`, the end of input). */
  flush(): string;
}

/**
 * The buffer for an input form: text → sentences by the normalizer's splitter (inline tags ride along); phonemes →
 * sentences at `.` `!` `?` `…`; ssml → one whole document per flush, at most `maxDocumentChars` characters.
 */
export function pieceBufferFor(format: InputFormat, lang: Lang, split: SentenceSplitter, maxDocumentChars: number): PieceBuffer {
  if (format === "ssml") return new DocumentBuffer(maxDocumentChars);
  if (format === "phonemes") return new PhonemeSentenceBuffer();
  return new SentenceBuffer(lang, split);
}
