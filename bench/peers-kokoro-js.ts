// Child process of the peers bench: kokoro-js (bench/peers/kokoro-js/) on a local Hugging Face model folder,
// offline, with as many ONNX Runtime intra-op threads as our server gets. Usage (by bench/peers.ts):
//   node --import tsx bench/peers-kokoro-js.ts <model folder> <intra-op threads>
// Answers `speak` requests with the time to its stream()'s first audio chunk and to its end.
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { PEER_ENTRY } from "./peers-install.js";
import { failStart, serveParent, type Request } from "./peers-ipc.js";

/** The parts of kokoro-js 1.2.1 and Transformers.js 3 that the bench uses (the peer's packages have no types here). */
interface TextSplitter {
  push(...text: string[]): void;
  close(): void;
}
interface KokoroTTS {
  stream(input: TextSplitter, options: { voice: string }): AsyncGenerator<{ phonemes: string; audio: { audio: Float32Array } }>;
}
interface PeerModule {
  KokoroTTS: new (model: unknown, tokenizer: unknown) => KokoroTTS;
  TextSplitterStream: new () => TextSplitter;
  StyleTextToSpeech2Model: { from_pretrained(id: string, options: Record<string, unknown>): Promise<unknown> };
  AutoTokenizer: { from_pretrained(id: string): Promise<unknown> };
  env: { allowRemoteModels: boolean; allowLocalModels: boolean; localModelPath: string };
}

export interface PeerSpeech {
  readonly firstAudioMs: number;
  readonly totalMs: number;
  /** Model calls (one per sentence of its splitter). */
  readonly chunks: number;
  readonly audioSeconds: number;
  /** Characters in the longest call's phoneme string: past 510 kokoro-js silently truncates (512 ids with the pads). */
  readonly longestPhonemes: number;
}

async function load(folder: string, threads: number): Promise<{ tts: KokoroTTS; peer: PeerModule }> {
  const peer = (await import(pathToFileURL(PEER_ENTRY).href)) as PeerModule;
  peer.env.allowRemoteModels = false;
  peer.env.allowLocalModels = true;
  peer.env.localModelPath = path.dirname(folder) + path.sep;
  const id = path.basename(folder);
  // KokoroTTS.from_pretrained(id, { dtype: "fp32", device: "cpu" }) does exactly this, minus the session options
  // it has no way to pass: the thread counts.
  const [model, tokenizer] = await Promise.all([
    peer.StyleTextToSpeech2Model.from_pretrained(id, {
      dtype: "fp32",
      device: "cpu",
      session_options: { intraOpNumThreads: threads, interOpNumThreads: 1 },
    }),
    peer.AutoTokenizer.from_pretrained(id),
  ]);
  return { tts: new peer.KokoroTTS(model, tokenizer), peer };
}

/**
 * One text through `stream()`. Given a string, kokoro-js's stream() never ends (it never closes the splitter it
 * makes), so the text goes in through a TextSplitterStream that is closed at once: same sentences, and the
 * generator returns after the last one.
 */
async function speak(tts: KokoroTTS, peer: PeerModule, text: string, voice: string): Promise<PeerSpeech> {
  const splitter = new peer.TextSplitterStream();
  splitter.push(text);
  splitter.close();
  const started = performance.now();
  let firstAudioMs = -1;
  let chunks = 0;
  let samples = 0;
  let longestPhonemes = 0;
  for await (const { phonemes, audio } of tts.stream(splitter, { voice })) {
    if (firstAudioMs < 0) firstAudioMs = performance.now() - started;
    chunks++;
    samples += audio.audio.length;
    longestPhonemes = Math.max(longestPhonemes, [...phonemes].length);
  }
  return { firstAudioMs, totalMs: performance.now() - started, chunks, audioSeconds: samples / 24_000, longestPhonemes };
}

const [folder, threadsArg] = process.argv.slice(2);
try {
  if (!folder || !threadsArg) throw new Error("usage: peers-kokoro-js.ts <model folder> <intra-op threads>");
  const started = performance.now();
  const { tts, peer } = await load(folder, Number(threadsArg));
  serveParent(
    { loadMs: Math.round(performance.now() - started) },
    { speak: (m: Request) => speak(tts, peer, String(m.text), String(m.voice)) },
  );
} catch (error) {
  failStart(error);
}
