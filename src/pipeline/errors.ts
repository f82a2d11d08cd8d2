/**
 * Something the caller of the pipeline got wrong (a bad field, an unknown voice, an encoder this machine
 * lacks), found before any work starts. Transports turn it into their own error: HTTP a 400 in OpenAI's
 * shape (server/errors.ts), the WebSocket an `error` event, the CLI one sentence on stderr.
 */
export class SpeechInputError extends Error {
  override readonly name = "SpeechInputError";
  constructor(
    message: string,
    /** A stable machine-readable reason (OpenAI's `code`): `invalid_value`, `invalid_voice`, … */
    readonly code: string,
    /** The request field at fault, when there is one. */
    readonly param: string | null = null,
  ) {
    super(message);
  }
}

/** The text has nothing to speak once normalized (only punctuation, skipped code…). */
export class NothingToSpeakError extends Error {
  override readonly name = "NothingToSpeakError";
}
