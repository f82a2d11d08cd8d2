import { MAX_PHONEME_IDS, phonemesToIds } from "../g2p/vocab.js";
import { realTimeLimit, type CallCost } from "../plan/real-time-sizing.js";
import type { G2P, Lang } from "../g2p/types.js";
import { planChunks, type PhonemizedPiece } from "../plan/plan-chunks.js";
import type { PhonemeChunk } from "../plan/types.js";
import { normalizeText } from "../text/index.js";

export interface FrontEndOptions {
  readonly lang: Lang;
  readonly codeBlocks: "skip" | "read";
  /** Sizes calls after the first from measured inference cost (otherwise each limit doubles). */
  readonly sizing?: { readonly cost: CallCost; readonly speed: number };
}

/** Text → normalized sentences → phoneme tokens: the front half of every request, CLI command and /dev route. */
export async function phonemizeText(text: string, g2p: G2P, options: FrontEndOptions): Promise<PhonemizedPiece[]> {
  const pieces = normalizeText(text, { lang: options.lang, codeBlocks: options.codeBlocks });
  const out: PhonemizedPiece[] = [];
  for (const piece of pieces) {
    const tokens = await g2p.tokens(piece.text, options.lang);
    if (tokens.some((t) => t.phonemes.length > 0)) out.push({ tokens, breakAfter: piece.breakAfter });
  }
  return out;
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
export async function planText(text: string, g2p: G2P, options: FrontEndOptions): Promise<PhonemeChunk[]> {
  const pieces = await phonemizeText(text, g2p, options);
  const nextLimit = options.sizing ? realTimeLimit(options.sizing.cost, options.sizing.speed, MAX_PHONEME_IDS) : undefined;
  return planChunks(pieces, { nextLimit }).filter((c) => c.ids.some((id) => id !== SPACE_ID));
}

const SPACE_ID = 16;
