// Worker thread that owns the espeak-ng WASM instance: its calls are synchronous and would block
// whichever thread runs them (~300 ms for the first, ~10 ms a sentence after).
import { parentPort } from "node:worker_threads";
import { phonemize } from "phonemizer";
import { isEspeakRequest, type EspeakRequest, type EspeakResponse } from "./espeak-protocol.js";
import { phonemizeKeepingPunctuation } from "./espeak-punctuation.js";

const port = parentPort;
if (port === null) throw new Error("espeak-worker.ts must run as a worker thread");

async function answer(request: EspeakRequest): Promise<EspeakResponse> {
  try {
    return { id: request.id, phonemes: await phonemizeKeepingPunctuation(request.text, request.lang, phonemize) };
  } catch (error) {
    return { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
}

port.on("message", (message: unknown) => {
  if (!isEspeakRequest(message)) throw new Error("espeak worker: malformed request");
  void answer(message).then((response) => port.postMessage(response));
});
