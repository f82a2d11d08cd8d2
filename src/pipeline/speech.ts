import { performance } from "node:perf_hooks";
import { CancelledError, SAMPLE_RATE, type KokoroEngine } from "../engine/engine.js";
import type { ResolvedVoice, VoiceStore } from "../engine/voices/index.js";
import type { G2P, Lang } from "../g2p/types.js";
import type { PhonemeChunk } from "../plan/types.js";
import { planText } from "./front-end.js";

/** What the pipeline needs once the model is loaded. */
export interface SpeechServices {
  readonly engine: KokoroEngine;
  readonly voices: VoiceStore;
  readonly g2p: G2P;
}

export interface SpeechJob {
  readonly text: string;
  readonly voice: ResolvedVoice;
  readonly speed: number;
  readonly lang: Lang;
  readonly codeBlocks?: "skip" | "read";
}

/** The text turned into model calls, before any inference. */
export interface PreparedSpeech {
  readonly job: SpeechJob;
  readonly chunks: readonly PhonemeChunk[];
  readonly g2pMs: number;
}

/** Float32 PCM at 24 kHz for one model call. */
export interface AudioChunk {
  readonly seq: number;
  readonly samples: Float32Array;
  readonly durationS: number;
  readonly inferMs: number;
  readonly chunk: PhonemeChunk;
}

export class NothingToSpeakError extends Error {
  override readonly name = "NothingToSpeakError";
}

/** Text → normalized sentences → phonemes → model calls. Throws NothingToSpeakError when nothing is speakable. */
export async function prepareSpeech(job: SpeechJob, g2p: G2P): Promise<PreparedSpeech> {
  const started = performance.now();
  const chunks = await planText(job.text, g2p, { lang: job.lang, codeBlocks: job.codeBlocks ?? "skip" });
  if (chunks.length === 0) throw new NothingToSpeakError("input has nothing to speak");
  return { job, chunks, g2pMs: performance.now() - started };
}

/** Runs the model calls in order and yields each call's audio as soon as it is ready. */
export async function* synthesize(
  prepared: PreparedSpeech,
  services: Pick<SpeechServices, "engine" | "voices">,
  signal?: AbortSignal,
): AsyncGenerator<AudioChunk> {
  const { voice, speed } = prepared.job;
  for (const chunk of prepared.chunks) {
    if (signal?.aborted) throw new CancelledError("request cancelled");
    const style = services.voices.styleFor(voice, chunk.ids.length);
    const out = await services.engine.infer({ ids: chunk.ids, style, speed }, { signal });
    yield { seq: chunk.seq, samples: out.audio, durationS: out.audio.length / SAMPLE_RATE, inferMs: out.inferMs, chunk };
  }
}
