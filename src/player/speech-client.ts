import type { IncomingMessage } from "node:http";
import { errorMessageOf, readJson, request, UnreachableError } from "./http-request.js";

/** The OpenAI speech body the clients send (only the fields they use). */
export interface SpeechBody {
  readonly input: string;
  /** text, ssml or phonemes (absent: the server decides). */
  readonly input_format?: string;
  readonly voice?: string;
  readonly speed?: number;
  readonly lang?: string;
  /** Normalizer classes switched off (false) or on; absent: all on. */
  readonly normalization?: Readonly<Partial<Record<string, boolean>>>;
  readonly response_format: string;
  readonly stream: boolean;
}

export class SpeechServerError extends Error {
  override readonly name = "SpeechServerError";
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export function noServerMessage(server: string): string {
  return `no kokoro server at ${server} — start one with \`kokoro serve\``;
}

/** How long a client waits for a server that answers 503 (still loading the model) before giving up. */
const LOADING_PATIENCE_MS = 60_000;

/**
 * POST {server}/v1/audio/speech; resolves with the 200 response, whose body is the audio. A server that is
 * still loading (503 with Retry-After) is waited for; anything else that is not 200 becomes a
 * SpeechServerError with the server's own message, and no server at all says how to start one.
 */
export async function requestSpeech(server: string, body: SpeechBody, signal?: AbortSignal, apiKey?: string): Promise<IncomingMessage> {
  const headers: Record<string, string> = {};
  // A key given with the request (a client's `apiKey`) wins over the daemon's or CLI's KOKORO_API_KEY.
  const key = apiKey ?? process.env.KOKORO_API_KEY;
  if (key) headers.authorization = `Bearer ${key}`;
  const deadline = Date.now() + LOADING_PATIENCE_MS;
  for (;;) {
    let res: IncomingMessage;
    try {
      res = await request(`${server}/v1/audio/speech`, { json: body, headers, signal });
    } catch (err) {
      if (err instanceof UnreachableError) throw new SpeechServerError(noServerMessage(server));
      throw err;
    }
    if (res.statusCode === 200) return res;
    const message = errorMessageOf(await readJson(res), res);
    const retryAfter = Number(res.headers["retry-after"] ?? Number.NaN);
    if (res.statusCode === 503 && Number.isFinite(retryAfter) && Date.now() + retryAfter * 1000 < deadline) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(250, retryAfter * 1000)));
      if (signal?.aborted) throw signal.reason;
      continue;
    }
    throw new SpeechServerError(`the server at ${server} refused: ${message}`, res.statusCode);
  }
}
