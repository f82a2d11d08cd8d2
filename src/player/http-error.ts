/** A refusal with its HTTP status; the daemon answers `{"error":{"message"}}` (and a WebSocket client gets an `error` event). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
