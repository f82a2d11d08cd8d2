import type { BreakKind } from "../types.js";

/**
 * A run of text read as a unit (paragraph, heading, list item, table row, code line), with markers
 * stripped. `map[i]` is the input offset of `text[i]`, so spans can be given in the original input.
 */
export interface Block {
  readonly text: string;
  readonly map: readonly number[];
  /** Line breaks inside the block end sentences (code), rather than being soft wraps. */
  readonly hardLines: boolean;
  readonly breakAfter: BreakKind;
  /** The number of the ordered-list marker taken off the block's start ("1. apples 2. pears" → 1): inline items count on from it. */
  readonly listNumber?: number;
}

interface Line {
  readonly start: number;
  readonly end: number; // without the line terminator
  readonly text: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+|$)/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const LIST_ITEM = /^([ \t]*)(?:[-*+•‣◦▪]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/;
const BLOCKQUOTE = /^ {0,3}(?:>[ \t]?)+/;
// The leading blanks belong to the pipe or to the first cell, never both: `^[ \t]*\|?[ \t]*` backtracks quadratically.
const TABLE_SEPARATOR = /^(?:[ \t]*\|)?(?:[ \t]*:?-+:?[ \t]*\|)+(?:[ \t]*:?-+:?[ \t]*)?$/;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]\n]+\]:[ \t]*\S+[^\n]*$/;
const FOOTNOTE_MARK = /^ {0,3}\[\^[^\]\s]+\]:[ \t]*/;
const INDENTED = /^(?: {4}|\t)/;
const HTML_COMMENT_LINE = /^[ \t]*<!--.*-->[ \t]*$/;
// What makes an indented block look like code rather than an indented paragraph.
const CODE_LIKE = /[{};=<>]|^\s*(?:\$ |#!|\/\/|def |return\b|import\b|function\b|const\b|let\b|var\b)/;

const isBlank = (ch: string | undefined): boolean => ch === " " || ch === "\t";

/** Where `text` ends without its trailing spaces and tabs (a regex ending in `[ \t]*$` is quadratic on long runs). */
function blankEnd(text: string, end = text.length): number {
  while (end > 0 && isBlank(text[end - 1])) end--;
  return end;
}

/** A heading without its closing sequence: "Title ##" → "Title", "##" → "", "C#" stays. */
function withoutClosingHashes(body: string): string {
  const end = blankEnd(body);
  let hashes = end;
  while (hashes > 0 && body[hashes - 1] === "#") hashes--;
  if (hashes === end) return body;
  if (hashes === 0) return "";
  return isBlank(body[hashes - 1]) ? body.slice(0, blankEnd(body, hashes)) : body;
}

function splitLines(input: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i <= input.length; i++) {
    const ch = input.charCodeAt(i);
    if (i === input.length || ch === 10 || ch === 13) {
      lines.push({ start, end: i, text: input.slice(start, i) });
      if (ch === 13 && input.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  return lines;
}

class BlockBuilder {
  private text = "";
  private map: number[] = [];
  private listNumber: number | undefined;
  readonly blocks: Block[] = [];

  /** The block about to open is an ordered-list item numbered `n`. */
  startItem(n: number | undefined): void {
    this.listNumber = n;
  }

  /** Appends input[from, to) trimmed, joining lines with "\n". */
  addLine(input: string, from: number, to: number): void {
    while (from < to && /\s/.test(input[from]!)) from++;
    while (to > from && /\s/.test(input[to - 1]!)) to--;
    if (from >= to) return;
    if (this.text !== "") {
      this.text += "\n";
      this.map.push(from);
    }
    this.text += input.slice(from, to);
    for (let i = from; i < to; i++) this.map.push(i);
  }

  get isOpen(): boolean {
    return this.text !== "";
  }

  close(breakAfter: BreakKind, hardLines = false): void {
    const listNumber = this.listNumber;
    this.listNumber = undefined;
    if (this.text === "") return;
    this.blocks.push({ text: this.text, map: this.map, hardLines, breakAfter, ...(listNumber === undefined ? {} : { listNumber }) });
    this.text = "";
    this.map = [];
  }
}

/** Splits input into blocks: paragraphs, headings, list items, table rows and (when read) code. */
export function parseBlocks(input: string, codeBlocks: "skip" | "read"): Block[] {
  const lines = splitLines(input);
  const out = new BlockBuilder();
  let fence: string | null = null;
  let previousBlank = true;
  let inList = false;
  let proseRunEnd = 0;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    let { text } = line;
    let start = line.start;

    if (fence !== null) {
      const close = FENCE.exec(text);
      if (close !== null && close[1]![0] === fence[0] && close[1]!.length >= fence.length && text.trim() === close[1]) {
        fence = null;
        out.close("paragraph", true);
      } else if (codeBlocks === "read") out.addLine(input, start, line.end);
      i++;
      continue;
    }
    const fenceOpen = FENCE.exec(text);
    if (fenceOpen !== null && !(fenceOpen[1]![0] === "`" && text.slice(fenceOpen[0].length).includes("`"))) {
      out.close("paragraph");
      fence = fenceOpen[1]!;
      i++;
      continue;
    }
    if (text.trim() === "") {
      out.close("paragraph");
      previousBlank = true;
      inList = false;
      i++;
      continue;
    }
    if (previousBlank && !inList && i >= proseRunEnd && INDENTED.test(text)) {
      // An indented run after a blank line: code if it looks like code, otherwise an ordinary paragraph.
      // A run read as prose is not scanned again from each of its own paragraphs (that is quadratic).
      let j = i;
      while (j < lines.length && (INDENTED.test(lines[j]!.text) || lines[j]!.text.trim() === "")) j++;
      const run = lines.slice(i, j);
      if (run.some((l) => CODE_LIKE.test(l.text))) {
        out.close("paragraph");
        if (codeBlocks === "read") {
          for (const l of run) out.addLine(input, l.start, l.end);
          out.close("paragraph", true);
        }
        i = j;
        continue;
      }
      proseRunEnd = j;
    }
    if (HTML_COMMENT_LINE.test(text) || REFERENCE_DEFINITION.test(text) || (TABLE_SEPARATOR.test(text) && text.includes("-"))) {
      i++;
      continue;
    }
    const quote = BLOCKQUOTE.exec(text);
    if (quote !== null) {
      start += quote[0].length;
      text = text.slice(quote[0].length);
      if (text.trim() === "") {
        out.close("paragraph");
        i++;
        continue;
      }
    }
    if (SETEXT_UNDERLINE.test(text) && out.isOpen && !inList) {
      out.close("paragraph"); // the paragraph above was a heading
      i++;
      continue;
    }
    if (THEMATIC_BREAK.test(text)) {
      out.close("paragraph");
      previousBlank = true;
      i++;
      continue;
    }
    const heading = HEADING.exec(text);
    if (heading !== null) {
      out.close("paragraph");
      const body = withoutClosingHashes(text.slice(heading[0].length));
      out.addLine(input, start + heading[0].length, start + heading[0].length + body.length);
      out.close("paragraph");
      previousBlank = false;
      inList = false;
      i++;
      continue;
    }
    const item = LIST_ITEM.exec(text);
    if (item !== null) {
      out.close("paragraph");
      inList = true;
      const ordered = /^[ \t]*(\d{1,9})[.)]/.exec(item[0]);
      out.startItem(ordered === null ? undefined : Number(ordered[1]));
      out.addLine(input, start + item[0].length, line.end);
      previousBlank = false;
      i++;
      continue;
    }
    const footnote = FOOTNOTE_MARK.exec(text);
    if (footnote !== null) {
      start += footnote[0].length;
      text = text.slice(footnote[0].length);
    }
    if (/^[ \t]*\|/.test(text)) {
      // A table row is read like a list item: its own unit.
      out.close("paragraph");
      const lead = /^[ \t]*\|/.exec(text)![0].length;
      const blank = blankEnd(text);
      const trail = text.length - (text[blank - 1] === "|" ? blank - 1 : blank);
      out.addLine(input, start + lead, Math.max(start + lead, line.end - trail));
      out.close("paragraph");
      previousBlank = false;
      i++;
      continue;
    }
    out.addLine(input, start, line.end);
    previousBlank = false;
    i++;
  }
  out.close("paragraph", fence !== null);
  return out.blocks;
}
