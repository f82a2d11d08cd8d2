import { addInlineTagged } from "./inline-tags.js";
import { MAX_DIALOGUE_TURNS, MAX_PAUSE_MS } from "./limits.js";
import { ScriptBuilder } from "./script-builder.js";
import { scriptError } from "./script-error.js";
import type { SpeechScript, Voicing } from "./segments.js";

export interface DialogueTurn {
  readonly voice: string;
  readonly text: string;
}

/**
 * A dialogue → a script: each turn its voice (as an SSML `<voice>` block would set it) and its index, `pauseMs`
 * of silence between turns; a turn's text may hold inline tags (`[pause:…]`, `[rate:…]`, `[word](/phonemes/)`).
 */
export function compileDialogue(turns: readonly DialogueTurn[], pauseMs: number, base: Omit<Voicing, "voice" | "turn">): SpeechScript {
  if (turns.length === 0) throw scriptError("turns is empty", "invalid_value", "turns");
  if (turns.length > MAX_DIALOGUE_TURNS) throw scriptError(`a dialogue may have at most ${MAX_DIALOGUE_TURNS} turns`, "invalid_value", "turns");
  if (pauseMs > MAX_PAUSE_MS) throw scriptError(`pause_ms must be at most ${MAX_PAUSE_MS}`, "invalid_value", "pause_ms");
  const builder = new ScriptBuilder();
  turns.forEach((turn, index) => {
    if (turn.voice.trim() === "") throw scriptError(`turn ${index}: voice is empty`, "invalid_value", "turns");
    if (index > 0) builder.pause(pauseMs);
    addInlineTagged(turn.text, { ...base, voice: turn.voice.trim(), turn: index }, builder);
  });
  return builder.finish();
}
