// kuromoji's feature strings (tid_pos.dat: 36 MB of NUL-terminated UTF-8, one "surface,pos,…,reading,pronunciation"
// per dictionary entry) kept deflated in blocks of 16 KB: ~7 MB instead of 36 MB. kuromoji reads them in one place,
// TokenInfoDictionary.getFeatures → `pos_buffer.getString(pos_id)`, for the tokens of a sentence's best path only;
// a read inflates the string's block (~30 µs) and the last few inflated blocks are kept. 16 KB: smaller blocks
// compress worse (4 KB: +1.2 MB) and cost zlib's per-call set-up more often, larger ones gain < 0.3 MB (deflate's
// window is 32 KB) and inflate 2–4 times longer on every miss.
import { createRequire } from "node:module";
import { setImmediate as nextTurn } from "node:timers/promises";
import { deflateRawSync, inflateRawSync } from "node:zlib";

/** What kuromoji's TokenInfoDictionary reads of its pos_buffer (a kuromoji ByteBuffer). */
export interface StringTable {
  getString(offset: number): string;
}

export interface CompressOptions {
  /** Bytes of the table per block (at least 64, zlib's smallest output chunk). */
  readonly blockSize?: number;
  /** Blocks deflated in one turn of the event loop (~5 ms for 32 blocks of 16 KB); their output shares one buffer. */
  readonly blocksPerStep?: number;
}

export const DEFAULT_BLOCK_SIZE = 16 * 1024;
const DEFAULT_BLOCKS_PER_STEP = 32;
/** zlib's level 4 (its fastest lazy-matching one): 6.8 MB for tid_pos.dat in ~0.27 s; level 1: 7.8 MB in ~0.22 s; 6: 6.5 MB in ~0.37 s. */
const LEVEL = 4;
/** The best path of a sentence touches a block per token, mostly different ones; repeats (particles, endings) hit these. */
const CACHED_BLOCKS = 8;

interface KuromojiByteBuffer {
  getString(index: number): string;
}

const require = createRequire(import.meta.url);
let byteBuffer: (new (bytes: Uint8Array) => KuromojiByteBuffer) | undefined;

/**
 * The bytes (no NUL among them) as kuromoji's ByteBuffer.getString decodes them: its own lenient UTF-8 decoder, so
 * that an offset into the middle of a character reads exactly as it did from kuromoji's buffer.
 */
function decode(bytes: Uint8Array): string {
  byteBuffer ??= require("kuromoji/src/util/ByteBuffer.js") as new (bytes: Uint8Array) => KuromojiByteBuffer;
  return new byteBuffer(bytes).getString(0);
}

/** A table of NUL-terminated strings, deflated in blocks; made by compressStrings. */
export class CompressedStrings implements StringTable {
  private readonly recent: { readonly index: number; readonly bytes: Uint8Array }[] = [];
  private readonly blockCount: number;

  /**
   * @param pages the deflated blocks, `blocksPerPage` consecutive ones per page (the last page may hold fewer)
   * @param offsets block i is bytes offsets[i] .. offsets[i + 1] of the pages one after another
   */
  constructor(
    /** The table's length in bytes (uncompressed). */
    readonly length: number,
    private readonly blockSize: number,
    private readonly blocksPerPage: number,
    private readonly pages: readonly Uint8Array[],
    private readonly offsets: Float64Array,
  ) {
    this.blockCount = offsets.length - 1;
  }

  /** The deflated size in bytes. */
  get compressedLength(): number {
    return this.offsets[this.blockCount] ?? 0;
  }

  /**
   * The string from `offset` up to the next NUL or the table's end, as kuromoji's ByteBuffer.getString reads it (""
   * at or after the end). A string may run on into the following blocks.
   */
  getString(offset: number): string {
    if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`not an offset into the table: ${offset}`);
    if (offset >= this.length) return "";
    let index = Math.floor(offset / this.blockSize);
    const first = this.block(index).subarray(offset - index * this.blockSize);
    const end = first.indexOf(0);
    if (end >= 0) return decode(first.subarray(0, end));
    const parts = [first];
    while (++index < this.blockCount) {
      const block = this.block(index);
      const nul = block.indexOf(0);
      parts.push(nul >= 0 ? block.subarray(0, nul) : block);
      if (nul >= 0) break;
    }
    return decode(Buffer.concat(parts));
  }

  /** Block `index`, inflated (kept among the last few used). */
  private block(index: number): Uint8Array {
    const recent = this.recent;
    const at = recent.findIndex((b) => b.index === index);
    const hit = at >= 0 ? recent.splice(at, 1)[0] : undefined;
    const bytes = hit?.bytes ?? this.inflate(index);
    recent.unshift({ index, bytes });
    if (recent.length > CACHED_BLOCKS) recent.pop();
    return bytes;
  }

  private inflate(index: number): Uint8Array {
    const firstOfPage = index - (index % this.blocksPerPage);
    const page = this.pages[firstOfPage / this.blocksPerPage]!;
    const pageStart = this.offsets[firstOfPage]!;
    const deflated = page.subarray(this.offsets[index]! - pageStart, this.offsets[index + 1]! - pageStart);
    return inflateRawSync(deflated, { chunkSize: this.blockSize });
  }
}

/**
 * `bytes` deflated in blocks, a step of `blocksPerStep` blocks per turn of the event loop (the first after a turn,
 * so the caller's step does not grow). `bytes` must not change meanwhile.
 */
export async function compressStrings(bytes: Uint8Array, options: CompressOptions = {}): Promise<CompressedStrings> {
  const blockSize = options.blockSize ?? DEFAULT_BLOCK_SIZE;
  const perStep = options.blocksPerStep ?? DEFAULT_BLOCKS_PER_STEP;
  if (!Number.isInteger(blockSize) || blockSize < 64) throw new RangeError(`block size ${blockSize}: an integer of at least 64`);
  if (!Number.isInteger(perStep) || perStep < 1) throw new RangeError(`blocks per step ${perStep}: a positive integer`);
  const count = Math.ceil(bytes.length / blockSize);
  const offsets = new Float64Array(count + 1);
  const pages: Uint8Array[] = [];
  for (let first = 0; first < count; first += perStep) {
    await nextTurn();
    const last = Math.min(count, first + perStep);
    const deflated: Uint8Array[] = [];
    for (let i = first; i < last; i++) {
      const out = deflateRawSync(bytes.subarray(i * blockSize, (i + 1) * blockSize), { level: LEVEL });
      deflated.push(out);
      offsets[i + 1] = offsets[i]! + out.length;
    }
    // Copied into one buffer of the step's exact size: each zlib output holds a buffer of >= 16 KB, whatever it uses.
    const page = new Uint8Array(offsets[last]! - offsets[first]!);
    let at = 0;
    for (const out of deflated) {
      page.set(out, at);
      at += out.length;
    }
    pages.push(page);
  }
  return new CompressedStrings(bytes.length, blockSize, perStep, pages, offsets);
}
