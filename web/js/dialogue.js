// Dialogue mode's request: turns (a voice and a text each) and the pause between them, for
// `POST /v1/audio/dialogue`, checked here so that a missing text is named before anything is sent.

export const DEFAULT_PAUSE_MS = 400;
/** The server's limit for one pause. */
export const MAX_PAUSE_MS = 10_000;

/** The pause field's value as milliseconds; throws an Error saying what is wrong. */
export function parsePauseMs(text) {
  const trimmed = String(text).trim();
  const ms = trimmed === "" ? DEFAULT_PAUSE_MS : Number(trimmed);
  if (!Number.isFinite(ms) || ms < 0 || ms > MAX_PAUSE_MS) throw new Error(`The pause between turns must be 0 to ${MAX_PAUSE_MS} ms.`);
  return ms;
}

/**
 * The request body: `{ model, turns, pause_ms, ...fields }` (`fields`: speed, lang). Throws an Error naming
 * the first turn without text, or saying there are no turns.
 */
export function dialogueRequest(turns, pauseMs, fields = {}) {
  if (turns.length === 0) throw new Error("Add a turn first.");
  const empty = turns.findIndex((t) => t.text.trim() === "");
  if (empty !== -1) throw new Error(`Turn ${empty + 1} has no text.`);
  return { model: "kokoro", turns: turns.map((t) => ({ voice: t.voice, text: t.text })), pause_ms: pauseMs, ...fields };
}

/** The turns' texts one per line: what the reader shows and highlights (the server's words come in that order). */
export function dialogueText(turns) {
  return turns.map((t) => t.text).join("\n");
}
