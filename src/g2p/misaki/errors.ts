/** Phonemes given by the user (inline `[word](/…/)` or the user lexicon) contain a symbol Kokoro lacks. */
export class InvalidPhonemesError extends Error {
  override readonly name = "InvalidPhonemesError";

  constructor(
    message: string,
    /** The first offending symbol. */
    readonly symbol: string,
  ) {
    super(message);
  }
}
