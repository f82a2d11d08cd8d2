/**
 * Ranges of text that never contain a sentence or clause boundary: inline pronunciations
 * `[word](/phonemes/)`, Markdown link targets, inline code, URLs and emails.
 */
const PROTECTED = /\[[^[\]\n]*\]\([^()\n]*\)|`[^`\n]*`|\b(?:https?|ftp):\/\/[^\s<>"]*[^\s<>".,;:!?)\]]|\bwww\.[^\s<>"]*[^\s<>".,;:!?)\]]|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gu;

export type Range = readonly [number, number];

export function protectedRanges(text: string): Range[] {
  const out: Range[] = [];
  PROTECTED.lastIndex = 0;
  for (let m = PROTECTED.exec(text); m !== null; m = PROTECTED.exec(text)) out.push([m.index, m.index + m[0].length]);
  return out;
}

/** A cursor over sorted ranges: `skip(i)` returns the end of the range containing i, or i. */
export class RangeCursor {
  private k = 0;
  constructor(private readonly ranges: readonly Range[]) {}

  skip(i: number): number {
    while (this.k < this.ranges.length && this.ranges[this.k]![1] <= i) this.k++;
    const r = this.ranges[this.k];
    return r !== undefined && r[0] <= i ? r[1] : i;
  }
}
