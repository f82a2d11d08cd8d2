import type { SpeechEvent } from "../pipeline/speak.js";
import { captionWords, type CaptionWord } from "./timed-words.js";

export interface CollectedCaptions {
  readonly words: CaptionWord[];
  /** Seconds of audio in the speech. */
  readonly audioSeconds: number;
}

/**
 * Passes a speech's events through while collecting its timed words (the same events, so the same plan and audio
 * the request makes); `result()` once they are all consumed.
 */
export function collectCaptions<E extends SpeechEvent | { readonly type: string }>(events: AsyncIterable<E>): { events: AsyncGenerator<E>; result(): CollectedCaptions } {
  const words: CaptionWord[] = [];
  let audioSeconds = 0;
  async function* pass(): AsyncGenerator<E> {
    for await (const event of events) {
      const e = event as SpeechEvent;
      if (e.type === "call") {
        words.push(...captionWords(e.call.chunk, e.words));
        audioSeconds += e.call.durationS;
      }
      yield event;
    }
  }
  return { events: pass(), result: () => ({ words, audioSeconds }) };
}
