/**
 * Text that arrives in pieces (a WebSocket session's sentences), read by the pipeline as an AsyncIterable:
 * each piece is spoken as soon as the ones before it are. `close()` ends the text; what was pushed is still read.
 */
export class TextQueue implements AsyncIterable<string> {
  private readonly pieces: string[] = [];
  private closed = false;
  private waiting: (() => void) | null = null;

  push(text: string): void {
    if (this.closed) throw new Error("the text has ended");
    this.pieces.push(text);
    this.wake();
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  /** The reader has taken every piece and waits for more: nothing is being spoken. */
  get idle(): boolean {
    return this.waiting !== null;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<string> {
    for (;;) {
      const piece = this.pieces.shift();
      if (piece !== undefined) {
        yield piece;
        continue;
      }
      if (this.closed) return;
      await new Promise<void>((resume) => (this.waiting = resume));
    }
  }

  private wake(): void {
    const resume = this.waiting;
    this.waiting = null;
    resume?.();
  }
}
