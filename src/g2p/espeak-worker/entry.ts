// Worker thread that owns the espeak-ng WASM instance: its calls are synchronous and would block
// whichever thread runs them (~300 ms for the first, ~10 ms a sentence after).
import { parentPort } from "node:worker_threads";
import { isEspeakRequest, type EspeakRequest, type EspeakResponse } from "./protocol.js";
import { phonemizeKeepingPunctuation } from "../espeak-punctuation.js";

const port = parentPort;
if (port === null) throw new Error("espeak-worker/entry.ts must run as a worker thread");

// espeak-ng's stderr: phonemizer's WASM build prints it with the console.warn it finds when it loads. A word
// in a script the voice does not read (Hangul, Devanagari…) makes espeak switch to that script's language,
// whose dictionary the build does not ship: it prints "Can't read dictionary file: …/ko_dict" several
// times per such word and leaves the word out. That is expected for such input and says nothing actionable, so this
// one message is dropped; anything else espeak prints still reaches stderr. phonemizer is imported only
// after the filter is in place.
const warn = console.warn.bind(console);
console.warn = (...args: unknown[]): void => {
  if (typeof args[0] === "string" && args[0].startsWith("Can't read dictionary file")) return;
  warn(...args);
};
const phonemizer = import("phonemizer");

async function answer(request: EspeakRequest): Promise<EspeakResponse> {
  try {
    const { phonemize } = await phonemizer;
    return { id: request.id, phonemes: await phonemizeKeepingPunctuation(request.text, request.lang, phonemize) };
  } catch (error) {
    return { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
}

port.on("message", (message: unknown) => {
  if (!isEspeakRequest(message)) throw new Error("espeak worker: malformed request");
  void answer(message).then((response) => port.postMessage(response));
});
