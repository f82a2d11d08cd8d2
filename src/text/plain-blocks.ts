import type { Block } from "./markdown/blocks.js";

/**
 * Input read as plain text, not Markdown (`normalization.markdown: false`): paragraphs at blank lines, nothing
 * skipped or stripped. One pass over the input.
 */
export function plainBlocks(input: string): Block[] {
  const blocks: Block[] = [];
  let start = -1; // the current paragraph's first non-blank character
  let end = -1; // just past its last non-blank character
  let lineBlank = true;
  const close = (): void => {
    if (start < 0) return;
    blocks.push({ text: input.slice(start, end), map: Array.from({ length: end - start }, (_, i) => start + i), hardLines: false, breakAfter: "paragraph" });
    start = -1;
  };
  for (let i = 0; i <= input.length; i++) {
    const c = input[i];
    if (c === undefined || c === "\n") {
      if (lineBlank) close();
      lineBlank = true;
      continue;
    }
    if (/\s/.test(c)) continue;
    if (lineBlank) lineBlank = false;
    if (start < 0) start = i;
    end = i + 1;
  }
  close();
  return blocks;
}
