/** The request that asked for this work was cancelled (its client went away). */
export class CancelledError extends Error {
  override readonly name = "CancelledError";
}
