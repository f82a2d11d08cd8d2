import type { Lang } from "../text/lang.js";

/**
 * A language whose front-end cannot run here: a program it needs is missing
 * (espeak-ng). The message says what is missing and how to install it; transports make it a 400 before any
 * audio is made, never a silent reading as English.
 */
export class LanguageUnavailableError extends Error {
  override readonly name = "LanguageUnavailableError";
  readonly code = "language_unavailable";
  constructor(
    readonly lang: Lang,
    message: string,
  ) {
    super(message);
  }
}
