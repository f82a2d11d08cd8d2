// Worker thread that owns the front-end (normalizer; misaki G2P with its lexicons and espeak fallback for English,
// the system espeak-ng for es/fr-fr/hi/it/pt-br, kuromoji for ja, pinyin-pro for zh), so that no request's text
// work runs on the HTTP thread.
// Requests are served concurrently: each yields between sentences, so a long text does not hold up a short one.
import { setImmediate as nextTurn } from "node:timers/promises";
import { parentPort, workerData } from "node:worker_threads";
import { BackgroundLanguageLoader } from "../../g2p/background-languages.js";
import { createG2P } from "../../g2p/index.js";
import { InvalidPhonemesError } from "../../g2p/misaki/errors.js";
import { normalizeText, normalizeToString } from "../../text/index.js";
import type { PhonemizedPiece } from "../../plan/units.js";
import { phonemesWithIds, phonemizeHeadWith } from "../front-end.js";
import type { CloseMessage, FrontEndRequest, FrontEndResponse, FrontEndWorkerData, LanguagesMessage, PreloadMessage } from "./protocol.js";

const port = parentPort;
if (port === null) throw new Error("front-end worker must run as a worker thread");
const data = workerData as FrontEndWorkerData;
const g2p = createG2P({ lexiconDir: data.lexiconDir, ...(data.userLexiconPath === undefined ? {} : { userLexiconPath: data.userLexiconPath }) });

/** Tells the handle which languages are loaded, when that changed (after a load step, or a request that loaded one). */
let lastLanguages = "";
function publishLanguages(): void {
  const languages = background.state();
  const text = JSON.stringify(languages);
  if (text === lastLanguages) return;
  lastLanguages = text;
  port!.postMessage({ languages } satisfies LanguagesMessage);
}
const background = new BackgroundLanguageLoader(g2p, publishLanguages);

/** Requests being worked on, and those of them whose client has gone (dropped at their next sentence). */
const active = new Set<number>();
const cancelled = new Set<number>();

class Dropped extends Error {}

async function pieces(request: FrontEndRequest): Promise<PhonemizedPiece[]> {
  const out: PhonemizedPiece[] = [];
  for (const piece of normalizeText(request.text, { lang: request.lang, codeBlocks: request.codeBlocks, normalization: request.normalization })) {
    await nextTurn(); // let other requests' sentences in between
    if (cancelled.has(request.id)) throw new Dropped();
    const tokens = await g2p.tokens(piece.text, request.lang);
    if (tokens.some((t) => t.phonemes.length > 0)) out.push({ tokens, breakAfter: piece.breakAfter });
  }
  return out;
}

async function run(request: FrontEndRequest): Promise<unknown> {
  const options = { lang: request.lang, codeBlocks: request.codeBlocks, normalization: request.normalization };
  switch (request.op) {
    case "pieces":
      return pieces(request);
    case "head":
      // Bounded (HEAD_CHARS): no need to yield to other requests inside it.
      return phonemizeHeadWith(request.text, g2p, options);
    case "normalize":
      return normalizeToString(request.text, options);
    case "phonemize":
      return phonemesWithIds(request.text, g2p, options);
    case "sentence-ends":
      return normalizeText(request.text, { lang: request.lang }).map((p) => p.span[1]);
    case "warm-up":
      await g2p.warmUp(data.warmLangs);
      return null;
  }
}

async function answer(request: FrontEndRequest): Promise<FrontEndResponse> {
  try {
    const value = await run(request);
    return { id: request.id, ok: true, value, fallbackWords: g2p.stats?.().fallbackWords ?? 0 };
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    const symbol = err instanceof InvalidPhonemesError ? err.symbol : undefined;
    return { id: request.id, ok: false, error: { name: error.name, message: error.message, ...(symbol === undefined ? {} : { symbol }) } };
  }
}

port.on("message", (message: FrontEndRequest | { readonly cancel: number } | PreloadMessage | CloseMessage) => {
  if ("preload" in message) {
    void background.run(data.preloadLangs ?? []);
    return;
  }
  if ("close" in message) {
    background.stop();
    void g2p
      .close()
      .catch(() => undefined)
      .then(() => port.postMessage({ closed: true }));
    return;
  }
  if ("cancel" in message) {
    if (active.has(message.cancel)) cancelled.add(message.cancel);
    return;
  }
  active.add(message.id);
  void answer(message).then((response) => {
    active.delete(message.id);
    cancelled.delete(message.id);
    publishLanguages(); // first, so that the handle knows what this request loaded when its answer arrives
    port.postMessage(response);
  });
});
