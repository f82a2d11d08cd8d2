import type { Player } from "./player.js";
import { requestSpeech } from "./speech-client.js";
import type { Utterance } from "./utterance.js";

export interface TextRequest {
  readonly server: string;
  readonly text: string;
  readonly voice?: string;
  readonly speed?: number;
  readonly lang?: string;
  /** Sent to the server as `Authorization: Bearer` (a client's key; default KOKORO_API_KEY). */
  readonly apiKey?: string;
}

/**
 * The daemon's own request for an utterance given as text: the server's streamed PCM goes into the
 * utterance's buffer as it arrives. A failure becomes an `error` event (the daemon itself stays fine);
 * stop or skip aborts the request.
 */
export async function fetchIntoUtterance(u: Utterance, req: TextRequest, player: Player): Promise<void> {
  const { server, text, voice, speed, lang, apiKey } = req;
  try {
    const res = await requestSpeech(server, { input: text, voice, speed, lang, response_format: "pcm", stream: true }, u.abort.signal, apiKey);
    for await (const chunk of res) {
      if (u.done) break;
      u.buffer.append(chunk as Buffer);
      player.fed();
    }
    u.buffer.end();
    player.fed();
  } catch (err) {
    if (u.abort.signal.aborted) return; // stopped or skipped: nothing to report
    player.fail(u, err instanceof Error ? err.message : String(err));
  }
}
