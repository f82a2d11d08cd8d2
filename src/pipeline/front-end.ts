import { phonemesToIds } from "../g2p/vocab.js";
import type { Lang } from "../text/lang.js";
import type { G2P } from "../g2p/types.js";
import type { LanguageLoadState } from "../g2p/background-languages.js";
import { assertInlinePhonemes } from "../g2p/misaki/inline.js";
import { planChunks, type PhonemizedPiece, type PlanOptions } from "../plan/plan-chunks.js";
import type { PhonemeChunk } from "../plan/types.js";
import { normalizeText, normalizeToString } from "../text/index.js";
import type { NormalizationSwitches } from "../text/normalization-options.js";

export interface TextOptions {
  readonly lang: Lang;
  readonly codeBlocks: "skip" | "read";
  /** The request's normalization switches (all classes on when absent). */
  readonly normalization?: NormalizationSwitches;
  /** More text follows in the same speech: the last piece is closed (NormalizeOptions.goesOn). */
  readonly goesOn?: boolean;
}

/** The first sentences of a text, read before the rest so the first call can start early (see `headOf`). */
export interface PhonemizedHead {
  readonly pieces: PhonemizedPiece[];
  /** Where the text not yet read starts (UTF-16 offset); the text's length when the head is all of it. */
  readonly restStart: number;
}

/**
 * At most this many characters are read before the first call: enough for any first call (510 ids), and a bound
 * that keeps the time to first audio the same for a 10,000-character text as for a sentence.
 */
export const HEAD_CHARS = 1000;

/**
 * Where the head of `text` ends: after the last whole sentence (or clause of a very long one) within the first
 * HEAD_CHARS characters, as the normalizer splits them; so reading the head and then the rest gives the same
 * sentences as reading it all. A sentence longer than that is cut at the last space before it (`continues`).
 */
export function headOf(text: string, options: TextOptions): { readonly end: number; readonly continues: boolean } {
  if (text.length <= HEAD_CHARS) return { end: text.length, continues: false };
  const window = text.slice(0, HEAD_CHARS);
  const pieces = normalizeText(window, options);
  // The window's last piece may be cut short by the window: everything before it is whole.
  for (let k = pieces.length - 2; k >= 0; k--) {
    const end = pieces[k]!.span[1];
    if (restReadsAlike(text, end)) return { end, continues: false };
  }
  if (pieces.length >= 2) return { end: text.length, continues: false }; // no safe place: read it all at once
  const space = Math.max(window.lastIndexOf(" "), window.lastIndexOf("\n"));
  if (space > 0 && restReadsAlike(text, space)) return { end: space, continues: true };
  if (space > 0) return { end: text.length, continues: false };
  // One 1,000-character "word": cut it, but not between the halves of a surrogate pair.
  const code = text.charCodeAt(HEAD_CHARS - 1);
  return { end: code >= 0xd800 && code <= 0xdbff ? HEAD_CHARS - 1 : HEAD_CHARS, continues: true };
}

/**
 * Whether the text from `end` on, read on its own, reads as it does in context. The normalizer reads line breaks by
 * their neighbours (a list item, a soft break inside a paragraph), so a cut is safe after a blank line (a paragraph
 * starts anew), or far from any line break, starting with a letter (alone, a "- " or "1. " would become a list item);
 * never inside a code fence.
 */
function restReadsAlike(text: string, end: number): boolean {
  const fences = text.slice(0, end).match(/^[ \t]{0,3}(?:```|~~~)/gmu)?.length ?? 0;
  if (fences % 2 !== 0) return false;
  const after = text.slice(end, end + LINE_CONTEXT);
  const paragraph = /^[ \t]*\r?\n[ \t]*\r?\n[ \t]{0,3}\S/u.test(after);
  if (paragraph) return true;
  const nearLineBreak = text.slice(Math.max(0, end - LINE_CONTEXT), end).includes("\n") || after.includes("\n");
  return !nearLineBreak && /^\s*\p{L}/u.test(after);
}

/** How far around a cut the normalizer's reading of line breaks may reach. */
const LINE_CONTEXT = 300;

/** The head of `text` phonemized with a G2P on this thread (the body of `FrontEnd.phonemizeHead`). */
export async function phonemizeHeadWith(text: string, g2p: G2P, options: TextOptions): Promise<PhonemizedHead> {
  const { end, continues } = headOf(text, options);
  if (end < text.length) assertInlinePhonemes(text.slice(end));
  // A head of whole sentences ends at a seam inside the text: its last piece is closed as it is when read with the rest.
  const goesOn = end < text.length && !continues;
  const pieces = await phonemizePieces(text.slice(0, end), g2p, goesOn ? { ...options, goesOn } : options);
  const last = pieces.at(-1);
  if (continues && last) pieces[pieces.length - 1] = continuing(last);
  return { pieces, restStart: end };
}

/** A piece cut mid-sentence: without a full stop at the cut (an abbreviation's, "etc.", would read as a sentence end). */
function continuing(piece: PhonemizedPiece): PhonemizedPiece {
  const tokens = [...piece.tokens];
  const end = tokens.at(-1);
  if (end?.kind === "punct" && end.text === ".") tokens.pop();
  return { tokens, breakAfter: "none", continues: true };
}

/**
 * The text half of the pipeline (normalize, split, G2P) behind one interface, so the server can run it in
 * a worker thread (see front-end-worker/handle.ts) while the CLI and tests run it in-process.
 */
export interface FrontEnd {
  /** The G2P's name, for /status. */
  readonly name: string;
  /** Text → normalized sentences → phoneme tokens. A signal that aborts drops the work if it has not started. */
  phonemizeText(text: string, options: TextOptions, signal?: AbortSignal): Promise<PhonemizedPiece[]>;
  /** The head of the text only (see `headOf`): what the first call is planned from. */
  phonemizeHead(text: string, options: TextOptions, signal?: AbortSignal): Promise<PhonemizedHead>;
  /** The normalized text as one string (`/dev/normalize`). */
  normalize(text: string, options: TextOptions): Promise<string>;
  /** The normalized text's phonemes as one string and their Kokoro ids (`/dev/phonemize`). */
  phonemize(text: string, options: TextOptions): Promise<PhonemesWithIds>;
  /** Where the sentences of `text` end (UTF-16 offsets), as the normalizer splits them (WebSocket input). */
  sentenceEnds(text: string, lang: Lang): Promise<number[]>;
  /** Words that needed the fallback engine since start; which languages are loaded (the worker front-end). */
  stats(): { readonly fallbackWords: number; readonly languages?: LanguageLoadState };
  warmUp(): Promise<void>;
  close(): Promise<void>;
}

/** Text → phonemized pieces with a G2P on this thread: the body of every front-end, in-process or in a worker. */
export async function phonemizePieces(text: string, g2p: G2P, options: TextOptions): Promise<PhonemizedPiece[]> {
  const pieces = normalizeText(text, options);
  const out: PhonemizedPiece[] = [];
  for (const piece of pieces) {
    const tokens = await g2p.tokens(piece.text, options.lang);
    if (tokens.some((t) => t.phonemes.length > 0)) out.push({ tokens, breakAfter: piece.breakAfter });
  }
  return out;
}

/** Phonemes and their ids, both made where the front-end runs (ids for 40k characters take tens of ms). */
export interface PhonemesWithIds {
  readonly phonemes: string;
  readonly tokens: number[];
}

/** The normalized text's phonemes and ids with a G2P on this thread. */
export async function phonemesWithIds(text: string, g2p: G2P, options: TextOptions): Promise<PhonemesWithIds> {
  const phonemes = await g2p.phonemize(normalizeToString(text, options), options.lang);
  return { phonemes, tokens: phonemesToIds(phonemes) };
}

/** Sentence end offsets of `text` (every piece but the last ends a sentence or clause). */
export function sentenceEndsOf(text: string, lang: Lang): number[] {
  return normalizeText(text, { lang }).map((p) => p.span[1]);
}

/** A front-end on the calling thread: for the CLI, benches and tests (a server uses WorkerFrontEnd). */
export class InProcessFrontEnd implements FrontEnd {
  readonly name: string;

  constructor(private readonly g2p: G2P & { warmUp?(): Promise<void> }) {
    this.name = g2p.name;
  }

  phonemizeText(text: string, options: TextOptions): Promise<PhonemizedPiece[]> {
    return phonemizePieces(text, this.g2p, options);
  }

  phonemizeHead(text: string, options: TextOptions): Promise<PhonemizedHead> {
    return phonemizeHeadWith(text, this.g2p, options);
  }

  async normalize(text: string, options: TextOptions): Promise<string> {
    return normalizeToString(text, options);
  }

  phonemize(text: string, options: TextOptions): Promise<PhonemesWithIds> {
    return phonemesWithIds(text, this.g2p, options);
  }

  async sentenceEnds(text: string, lang: Lang): Promise<number[]> {
    return sentenceEndsOf(text, lang);
  }

  stats(): { readonly fallbackWords: number } {
    return { fallbackWords: this.g2p.stats?.().fallbackWords ?? 0 };
  }

  async warmUp(): Promise<void> {
    await this.g2p.warmUp?.();
  }

  close(): Promise<void> {
    return this.g2p.close();
  }
}

/** A G2P or a front-end, as a front-end. */
export function asFrontEnd(source: G2P | FrontEnd): FrontEnd {
  return "phonemizeText" in source ? source : new InProcessFrontEnd(source);
}

/** Text → normalized sentences → phoneme tokens: the front half of every request, CLI command and /dev route. */
export function phonemizeText(text: string, source: G2P | FrontEnd, options: TextOptions, signal?: AbortSignal): Promise<PhonemizedPiece[]> {
  return asFrontEnd(source).phonemizeText(text, options, signal);
}

/** The phoneme string of phonemized pieces, pieces separated by a space. */
export function phonemeString(pieces: readonly PhonemizedPiece[]): string {
  return pieces
    .map((p) => p.tokens.map((t, i) => t.phonemes + (t.spaceAfter && i < p.tokens.length - 1 ? " " : "")).join(""))
    .join(" ");
}

export function phonemeIds(pieces: readonly PhonemizedPiece[]): number[] {
  return phonemesToIds(phonemeString(pieces));
}

/** Text → the model calls it becomes at fixed growing sizes (tests, benches, `kokoro bench`). */
export async function planText(text: string, source: G2P | FrontEnd, options: TextOptions, signal?: AbortSignal, plan: PlanOptions = {}): Promise<PhonemeChunk[]> {
  return planChunks(await phonemizeText(text, source, options, signal), plan);
}
