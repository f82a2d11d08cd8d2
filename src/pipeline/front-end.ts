import { phonemesToIds } from "../g2p/vocab.js";
import { MAX_PHONEME_IDS, SPACE_ID } from "../model/contract.js";
import type { Lang } from "../text/lang.js";
import { realTimeLimit, type CallCost } from "../plan/real-time-sizing.js";
import type { G2P } from "../g2p/types.js";
import { planChunks, type PhonemizedPiece } from "../plan/plan-chunks.js";
import type { PhonemeChunk } from "../plan/types.js";
import { normalizeText, normalizeToString } from "../text/index.js";

export interface TextOptions {
  readonly lang: Lang;
  readonly codeBlocks: "skip" | "read";
}

export interface FrontEndOptions extends TextOptions {
  /** Sizes calls after the first from measured inference cost (otherwise each limit doubles). */
  readonly sizing?: { readonly cost: CallCost; readonly speed: number };
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
  /** The normalized text as one string (`/dev/normalize`). */
  normalize(text: string, options: TextOptions): Promise<string>;
  /** The normalized text's phonemes as one string (`/dev/phonemize`). */
  phonemize(text: string, options: TextOptions): Promise<string>;
  /** Where the sentences of `text` end (UTF-16 offsets), as the normalizer splits them (WebSocket input). */
  sentenceEnds(text: string, lang: Lang): Promise<number[]>;
  /** Words that needed the fallback engine since start. */
  stats(): { readonly fallbackWords: number };
  warmUp(): Promise<void>;
  close(): Promise<void>;
}

/** Text → phonemized pieces with a G2P on this thread: the body of every front-end, in-process or in a worker. */
export async function phonemizePieces(text: string, g2p: G2P, options: TextOptions): Promise<PhonemizedPiece[]> {
  const pieces = normalizeText(text, { lang: options.lang, codeBlocks: options.codeBlocks });
  const out: PhonemizedPiece[] = [];
  for (const piece of pieces) {
    const tokens = await g2p.tokens(piece.text, options.lang);
    if (tokens.some((t) => t.phonemes.length > 0)) out.push({ tokens, breakAfter: piece.breakAfter });
  }
  return out;
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

  async normalize(text: string, options: TextOptions): Promise<string> {
    return normalizeToString(text, options);
  }

  phonemize(text: string, options: TextOptions): Promise<string> {
    return this.g2p.phonemize(normalizeToString(text, options), options.lang);
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

/** Text → the model calls it becomes (chunks with nothing audible dropped). */
export async function planText(text: string, source: G2P | FrontEnd, options: FrontEndOptions, signal?: AbortSignal): Promise<PhonemeChunk[]> {
  const pieces = await phonemizeText(text, source, options, signal);
  const nextLimit = options.sizing ? realTimeLimit(options.sizing.cost, options.sizing.speed, MAX_PHONEME_IDS) : undefined;
  return planChunks(pieces, { nextLimit }).filter((c) => c.ids.some((id) => id !== SPACE_ID));
}
