import { protectedRanges, RangeCursor } from "./protected.js";

const WIDE_CLAUSE_MARKS = new Set(["，", "、", "；", "："]);

/** Clause boundaries: after , ; : followed by a space, after their full-width forms, and around dashes used as punctuation. */
function clauseBoundaries(text: string): number[] {
  const cursor = new RangeCursor(protectedRanges(text));
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const skipped = cursor.skip(i);
    if (skipped !== i) {
      i = skipped - 1;
      continue;
    }
    const ch = text[i]!;
    const next = text[i + 1];
    if ((ch === "," || ch === ";" || ch === ":") && next === " ") out.push(i + 1);
    else if (WIDE_CLAUSE_MARKS.has(ch)) out.push(i + 1); // full-width marks take no space after them
    else if ((ch === "—" || ch === "–") && i > 0) out.push(i + 1);
    else if (ch === "-" && text[i - 1] === " " && next === " ") out.push(i + 1);
  }
  return out;
}

/**
 * Cuts a very long sentence into parts of about `maxChars` at clause boundaries (never inside a word).
 * Returns [start, end) ranges covering the text; one range when there is no boundary to cut at.
 */
export function splitClauses(text: string, maxChars: number): Array<readonly [number, number]> {
  const boundaries = clauseBoundaries(text);
  const out: Array<readonly [number, number]> = [];
  let start = 0;
  let k = 0;
  while (text.length - start > maxChars) {
    // The last boundary that keeps this part within maxChars, else the first one past it.
    let cutAt = -1;
    for (; k < boundaries.length; k++) {
      const b = boundaries[k]!;
      if (b <= start) continue;
      if (b - start <= maxChars) cutAt = b;
      else {
        if (cutAt === -1) cutAt = b;
        break;
      }
    }
    // No boundary, or only one that would leave a scrap behind: keep the rest whole.
    if (cutAt === -1 || text.length - cutAt < maxChars / 8) break;
    out.push([start, cutAt]);
    start = cutAt;
  }
  out.push([start, text.length]);
  return out;
}
