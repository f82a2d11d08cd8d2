import { performance } from "node:perf_hooks";
import { CancelledError, SAMPLE_RATE, type KokoroEngine } from "../engine/engine.js";
import { phonemesToIds } from "../engine/vocab.js";
import type { ResolvedVoice, VoiceStore } from "../engine/voices/index.js";
import type { G2P, Lang } from "../g2p/types.js";
import { splitIds } from "../plan/split-ids.js";
import { stripUnspeakable } from "../text/strip-unspeakable.js";

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
}

/** The text turned into model calls, before any inference. */
export interface PreparedSpeech {
  readonly job: SpeechJob;
  readonly phonemes: string;
  /** Token ids of each model call, without pads (each at most 510). */
  readonly calls: readonly (readonly number[])[];
  readonly g2pMs: number;
}

/** Float32 PCM at 24 kHz for one model call. */
export interface AudioChunk {
  readonly seq: number;
  readonly samples: Float32Array;
  readonly durationS: number;
  readonly inferMs: number;
  readonly ids: readonly number[];
}

export class NothingToSpeakError extends Error {
  override readonly name = "NothingToSpeakError";
}

/** Text → phonemes → model calls. Throws NothingToSpeakError when no speakable token remains. */
export async function prepareSpeech(job: SpeechJob, g2p: G2P): Promise<PreparedSpeech> {
  const started = performance.now();
  const text = stripUnspeakable(job.text);
  if (!/[\p{L}\p{N}]/u.test(text)) throw new NothingToSpeakError("input has nothing to speak");
  const phonemes = await g2p.phonemize(text, job.lang);
  const ids = phonemesToIds(phonemes.trim());
  if (!ids.some((id) => id !== 16)) throw new NothingToSpeakError("input has nothing to speak");
  return { job, phonemes, calls: splitIds(ids), g2pMs: performance.now() - started };
}

/** Runs the model calls in order and yields each call's audio as soon as it is ready. */
export async function* synthesize(
  prepared: PreparedSpeech,
  services: Pick<SpeechServices, "engine" | "voices">,
  signal?: AbortSignal,
): AsyncGenerator<AudioChunk> {
  const { voice, speed } = prepared.job;
  for (const [seq, ids] of prepared.calls.entries()) {
    if (signal?.aborted) throw new CancelledError("request cancelled");
    const style = services.voices.styleFor(voice, ids.length);
    const out = await services.engine.infer({ ids, style, speed }, signal);
    yield { seq, samples: out.audio, durationS: out.audio.length / SAMPLE_RATE, inferMs: out.inferMs, ids };
  }
}
