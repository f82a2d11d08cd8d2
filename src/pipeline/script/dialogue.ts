import { LANG_CODES, langFromCode } from "../../text/lang.js";
import { addInlineTagged } from "./inline-tags.js";
import { MAX_DIALOGUE_TURNS, MAX_PAUSE_MS } from "./limits.js";
import { ScriptBuilder } from "./script-builder.js";
import { scriptError } from "./script-error.js";
import type { SpeechScript, Voicing } from "./segments.js";

export interface DialogueTurn {
  readonly voice: string;
  readonly text: string;
  /** The turn's language code (as `lang` is written); absent: the request's, else the turn voice's own. */
  readonly lang?: string | undefined;
}

/**
 * A dialogue → a script: each turn its voice (as an SSML `<voice>` block would set it) and its index, `pauseMs`
 * of silence between turns; a turn's text may hold inline tags (`[pause:…]`, `[rate:…]`, `[word](/phonemes/)`).
 * A turn's `lang` overrides `base.lang` for that turn (null there: each voice's own language).
 */
export function compileDialogue(turns: readonly DialogueTurn[], pauseMs: number, base: Omit<Voicing, "voice" | "turn">): SpeechScript {
  if (turns.length === 0) throw scriptError("turns is empty", "invalid_value", "turns");
  if (turns.length > MAX_DIALOGUE_TURNS) throw scriptError(`a dialogue may have at most ${MAX_DIALOGUE_TURNS} turns`, "invalid_value", "turns");
  if (pauseMs > MAX_PAUSE_MS) throw scriptError(`pause_ms must be at most ${MAX_PAUSE_MS}`, "invalid_value", "pause_ms");
  const builder = new ScriptBuilder();
  turns.forEach((turn, index) => {
    if (turn.voice.trim() === "") throw scriptError(`turn ${index}: voice is empty`, "invalid_value", "turns");
    const lang = turn.lang === undefined ? base.lang : langFromCode(turn.lang);
    if (lang === undefined) {
      throw scriptError(`turns[${index}].lang: unsupported lang '${turn.lang}'; use one of: ${LANG_CODES.join(", ")}`, "invalid_value", `turns[${index}].lang`);
    }
    if (index > 0) builder.pause(pauseMs);
    addInlineTagged(turn.text, { ...base, voice: turn.voice.trim(), lang, turn: index }, builder);
  });
  return builder.finish();
}
