import type { SeamSettings } from "../audio/seams.js";
import { breakBetween, JUNCTION_WINDOW } from "../text/piece-junction.js";
import type { BreakKind, NormalizeOptions } from "../text/types.js";
import { PHONEME_SENTENCE_END } from "./script/phoneme-pieces.js";
import type { InputFormat } from "./script/input-formats.js";
import type { SpeechStep } from "./speech-steps.js";

/**
 * The pauses between the pieces of a text that arrives piece by piece (a WebSocket's sentences and flushes). Each
 * piece is spoken as a speech of its own, so its last call ends on the short end seam (`pauseMs.none`); where the
 * text between two pieces ends a sentence or a paragraph, the next piece starts with the rest of the pause that the
 * same text sent whole gets there, so the audio is the same however the text was cut.
 */
export class PieceSeams {
  /** The end of the text so far (blank pieces too: a blank line sent on its own still makes a paragraph). */
  private context = "";
  /** Some piece has been spoken: the first one starts the speech, with no pause before it. */
  private spoken = false;
  /** The last piece ended on an exact pause of its own (a script's `[pause:…]`): that pause stands as it is. */
  private endedOnPause = false;

  constructor(
    private readonly format: InputFormat,
    private readonly reading: Pick<NormalizeOptions, "lang" | "codeBlocks" | "normalization">,
    private readonly pauseMs: SeamSettings["pauseMs"],
  ) {}

  /** A piece's steps, the first with the pause its junction with the text before it needs. Call for every piece, blank ones too. */
  next(piece: string, steps: readonly SpeechStep[]): readonly SpeechStep[] {
    const before = this.context;
    this.context = (before + piece).slice(-JUNCTION_WINDOW);
    if (steps.length === 0) return steps;
    const first = steps[0]!;
    const follows = this.spoken && !this.endedOnPause;
    this.spoken = true;
    this.endedOnPause = typeof steps.at(-1)!.ending === "number";
    // A piece that starts with a pause of its own keeps it exactly, as a script's pause replaces the natural one.
    if (!follows || first.leadMs > 0) return steps;
    const extraMs = Math.max(0, this.pauseMs[this.kindBetween(before, piece)] - this.pauseMs.none);
    return extraMs === 0 ? steps : [{ ...first, leadMs: extraMs }, ...steps.slice(1)];
  }

  private kindBetween(before: string, piece: string): BreakKind {
    if (this.format === "ssml") return "none"; // whole documents: each is its own speech, as over HTTP
    if (this.format === "phonemes") {
      // Phoneme input is cut into sentences only (script/phoneme-pieces.ts).
      const last = before.trimEnd().at(-1);
      return last !== undefined && PHONEME_SENTENCE_END.has(last) ? "sentence" : "none";
    }
    return breakBetween(before, piece, this.reading);
  }
}
