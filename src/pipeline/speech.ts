import { performance } from "node:perf_hooks";
import { DEFAULT_SEAMS, seamCall, type SeamedCall, type SeamSettings } from "../audio/seams.js";
import { AudioCache } from "../engine/audio-cache.js";
import type { KokoroEngine } from "../engine/engine.js";
import { CancelledError } from "../engine/errors.js";
import { MAX_PHONEME_IDS, SAMPLE_RATE, SAMPLES_PER_FRAME } from "../model/contract.js";
import type { Lang } from "../text/lang.js";
import type { NormalizationSwitches } from "../text/normalization-options.js";
import type { ResolvedVoice, VoiceStore } from "../engine/voices/index.js";
import type { G2P } from "../g2p/types.js";
import type { PhonemeChunk } from "../plan/types.js";
import type { CallCost } from "../plan/real-time-sizing.js";
import { NothingToSpeakError } from "./errors.js";
import { asFrontEnd, type FrontEnd } from "./front-end.js";
import { CallPlanner } from "../plan/call-planner.js";
import { growingSizes } from "../plan/plan-chunks.js";
import { realTimeSizes } from "../plan/real-time-sizing.js";

/** What the pipeline needs once the model is loaded. */
export interface SpeechServices {
  readonly engine: KokoroEngine;
  /** Recent model outputs; absent = no caching. */
  readonly cache?: AudioCache;
  /** Pauses and edges between calls; absent = DEFAULT_SEAMS. */
  readonly seams?: SeamSettings;
  readonly voices: VoiceStore;
  /** Normalizer and G2P (in a worker thread in the server). */
  readonly frontEnd: FrontEnd;
}

export interface SpeechJob {
  readonly text: string;
  readonly voice: ResolvedVoice;
  readonly speed: number;
  readonly lang: Lang;
  readonly codeBlocks?: "skip" | "read";
  /** Normalizer classes switched on or off for this request (all on when absent). */
  readonly normalization?: NormalizationSwitches;
  /** Linear gain applied to every call's audio (default 1). */
  readonly volume?: number;
  /** The most ids one model call may hold (default: the model's limit, MAX_PHONEME_IDS). */
  readonly maxCallIds?: number;
}

/** The text turned into model calls: the first before any inference, the rest while the first runs. */
export interface PreparedSpeech {
  readonly job: SpeechJob;
  /** Calls planned from the text's head (the first call; all of them for a short text). */
  readonly chunks: readonly PhonemeChunk[];
  /** The calls of the rest of the text, read and planned while the first call runs; null when there is no rest. */
  readonly later: Promise<readonly PhonemeChunk[]> | null;
  /** Front-end time before the first call could start. */
  readonly g2pMs: number;
}

/** How calls are sized: by the machine's measured cost (TTFA-first when a listener waits), else fixed growing sizes. */
export interface CallPlanning {
  readonly cost: CallCost;
  /** A listener waits: the first call's compute budget in ms. Absent: a whole file (calls of whole sentences). */
  readonly firstCallMs?: number;
}

/** Float32 PCM at 24 kHz for one model call. */
export interface AudioChunk {
  readonly seq: number;
  readonly samples: Float32Array;
  readonly durationS: number;
  readonly inferMs: number;
  /** How long the call waited for an inference worker (0 when it came from the cache). */
  readonly queueMs: number;
  /** Answered from the audio cache, without inference. */
  readonly cached: boolean;
  readonly chunk: PhonemeChunk;
  /** Per-token durations (pads included) when the model export gives them. */
  readonly durations: Float32Array | null;
  /** Length of the model's own audio before seams, and how much of its start was cut (for word timings). */
  readonly rawDurationS: number;
  readonly cutStartS: number;
}


/**
 * Text → normalized sentences → phonemes → model calls, incrementally: only the text's head (front-end.ts headOf)
 * is read and its first call planned before this returns, so the time to the first call does not grow with the
 * text; the rest is read and planned in `later`, while the first call runs. Throws NothingToSpeakError when nothing
 * is speakable, CancelledError when `signal` aborts first, and InvalidPhonemesError for bad inline phonemes
 * anywhere in the text.
 */
export async function prepareSpeech(job: SpeechJob, source: FrontEnd | G2P, planning?: CallPlanning, signal?: AbortSignal): Promise<PreparedSpeech> {
  const started = performance.now();
  const frontEnd = asFrontEnd(source);
  const options = { lang: job.lang, codeBlocks: job.codeBlocks ?? "skip", normalization: job.normalization } as const;
  const planner = callPlanner(job, planning);
  const head = await frontEnd.phonemizeHead(job.text, options, signal);
  const whole = head.restStart >= job.text.length;
  const chunks = planner.add(head.pieces, whole);
  let later: Promise<readonly PhonemeChunk[]> | null = null;
  if (!whole) {
    later = frontEnd.phonemizeText(job.text.slice(head.restStart), options, signal).then((rest) => planner.add(rest, true));
    later.catch(() => undefined); // observed by synthesize; never unhandled if the speech is abandoned first
  }
  if (chunks.length === 0) {
    // Nothing speakable in the head (a skipped code block, say): the first call comes from the rest.
    const rest = (await later) ?? [];
    if (rest.length === 0) throw new NothingToSpeakError("input has nothing to speak");
    return { job, chunks: rest, later: null, g2pMs: performance.now() - started };
  }
  return { job, chunks, later, g2pMs: performance.now() - started };
}

/** The planner of a job's calls: sized by the measured cost when there is one, else fixed growing sizes; at most job.maxCallIds ids each. */
export function callPlanner(job: SpeechJob, planning?: CallPlanning): CallPlanner {
  const maxIds = Math.min(MAX_PHONEME_IDS, job.maxCallIds ?? MAX_PHONEME_IDS);
  const sizing = planning ? realTimeSizes({ cost: planning.cost, speed: job.speed, firstCallMs: planning.firstCallMs, maxIds }) : growingSizes({ maxIds });
  return new CallPlanner(sizing, maxIds);
}

/** Audio a call will make, estimated from its length: one 600-sample frame per id (pads included) at speed 1. */
function estimatedSeconds(ids: number, speed: number): number {
  return ((ids + 2) * SAMPLES_PER_FRAME) / speed / SAMPLE_RATE;
}

export interface SynthesizeOptions {
  readonly signal?: AbortSignal;
  /** Calls submitted ahead of the one being consumed, so inference overlaps encoding and writing. */
  readonly lookahead?: number;
  /**
   * Streaming: no call starts more than this many seconds before a real-time listener will need it, so a
   * paused or slow reader does not make the server synthesize minutes ahead (absent = no bound; a whole
   * file is wanted as fast as possible).
   */
  readonly maxAheadS?: number;
  /** Low priority: deadlines an hour late, so every listener's calls run first (self-benchmark). */
  readonly background?: boolean;
  /**
   * When (performance.now() ms) the listener will need this text's first audio: a WebSocket session's later
   * sentences continue the session's timeline, so deadlines and the look-ahead bound hold for the whole
   * session. Absent = the listener is waiting now (the first call is then the most urgent of all).
   */
  readonly startAtMs?: number;
  /** Exact silence before the first call, in ms (a script that starts with a pause). */
  readonly leadMs?: number;
  /**
   * The pause after the last call: "end" (default) the short pause of a speech's end; "natural" the pause of the
   * boundary its text ends on (more speech follows in another call: a voice or speed change); a number, exactly
   * that many ms (a script's pause follows).
   */
  readonly ending?: "end" | "natural" | number;
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/**
 * Runs the model calls and yields each call's audio, in order, as soon as it is ready. Up to
 * `lookahead` later calls are submitted early, each with the deadline at which a real-time listener
 * would run out of the audio before it, so the scheduler serves the most urgent work first; a
 * consumer that stops pulling stops further submissions (bounded look-ahead).
 */
export async function* synthesize(
  prepared: PreparedSpeech,
  services: Pick<SpeechServices, "engine" | "voices" | "cache" | "seams">,
  options: SynthesizeOptions = {},
): AsyncGenerator<AudioChunk> {
  const { voice, speed } = prepared.job;
  const { signal } = options;
  const lookahead = Math.max(0, options.lookahead ?? 1);
  const start = (options.startAtMs ?? performance.now()) + (options.background ? 3_600_000 : 0);
  const chunks: PhonemeChunk[] = [];
  const deadlines: number[] = [];
  let ahead = 0;
  const plan = (more: readonly PhonemeChunk[]): void => {
    for (const chunk of more) {
      // A listener who has heard nothing yet comes first: under overload the other streams' deadlines are
      // already past, and deadline order alone would put a new request's first call behind all of them.
      const waiting = deadlines.length === 0 && !options.background && options.startAtMs === undefined;
      deadlines.push(waiting ? Number.NEGATIVE_INFINITY : start + ahead * 1000);
      ahead += estimatedSeconds(chunk.ids.length, speed);
      chunks.push(chunk);
    }
  };
  plan(prepared.chunks);
  // The rest of the text is planned while the first calls run; its calls join the queue when they are known.
  let complete = prepared.later === null;
  const later = prepared.later?.then((more) => {
    plan(more);
    complete = true;
  });
  const pending: Promise<AudioChunk>[] = [];
  let next = 0;
  const submit = (): void => {
    const chunk = chunks[next]!;
    const deadline = deadlines[next]!;
    next++;
    const key = AudioCache.key(services.engine.modelPath, voice, speed, chunk.ids);
    const cached = services.cache?.get(key);
    const output: Promise<{ audio: Float32Array; durations: Float32Array | null; inferMs: number; queueMs: number }> = cached
      ? Promise.resolve({ ...cached, queueMs: 0 })
      : services.engine
          .infer({ ids: chunk.ids, style: services.voices.styleFor(voice, chunk.ids.length), speed }, { signal, deadline })
          .then((out) => {
            services.cache?.set(key, out);
            return out;
          });
    const promise = output.then((out) => {
      // The last call ends the stream: no long pause after it. (Decided once its audio is back: by then the rest
      // of the text has long been planned, so it is known whether this call is the last.)
      const last = complete && chunk.seq === chunks.length - 1;
      const ending = options.ending ?? "end";
      const breakAfter = last && ending !== "natural" ? "none" : chunk.breakAfter;
      const seams = last && typeof ending === "number" ? exactPause(services.seams ?? DEFAULT_SEAMS, ending) : services.seams;
      // Seams find the silence in the model's own audio; gain comes after, so the volume never changes the timing.
      const seamed = withLead(seamCall(out.audio, breakAfter, SAMPLE_RATE, seams), chunk.seq === 0 ? (options.leadMs ?? 0) : 0);
      return {
        seq: chunk.seq,
        samples: applyGain(seamed.samples, prepared.job.volume ?? 1),
        durationS: seamed.samples.length / SAMPLE_RATE,
        inferMs: out.inferMs,
        queueMs: out.queueMs,
        cached: cached !== undefined,
        chunk,
        durations: out.durations,
        rawDurationS: out.audio.length / SAMPLE_RATE,
        cutStartS: seamed.cutStart / SAMPLE_RATE,
      };
    });
    promise.catch(() => undefined); // observed when awaited; never an unhandled rejection if abandoned
    pending.push(promise);
  };
  try {
    for (;;) {
      if (signal?.aborted) throw new CancelledError("request cancelled");
      if (next === chunks.length && pending.length === 0) {
        if (complete) break;
        await later; // throws what reading the rest threw
        continue;
      }
      while (next < chunks.length && pending.length <= lookahead) {
        // Bounded look-ahead: wait until this call is within maxAheadS of when the listener needs it.
        const early = options.maxAheadS === undefined ? 0 : deadlines[next]! - options.maxAheadS * 1000 - performance.now();
        if (early > 0 && pending.length > 0) break; // consume what is ready first; the wait happens below
        if (early > 0) await sleep(early, signal);
        if (signal?.aborted) throw new CancelledError("request cancelled");
        submit();
      }
      yield await pending.shift()!;
    }
  } finally {
    // A consumer that stops early (or a failure) leaves prefetched calls behind; they finish or are dropped.
    pending.length = 0;
  }
}

/** Seam settings whose "none" pause (the one a last call gets) is exactly `ms`. */
function exactPause(seams: SeamSettings, ms: number): SeamSettings {
  return { ...seams, pauseMs: { ...seams.pauseMs, none: ms } };
}

/** A seamed call with `ms` of silence before it (word timings shift with it: cutStart goes below zero). */
function withLead(seamed: SeamedCall, ms: number): SeamedCall {
  const lead = Math.round((ms * SAMPLE_RATE) / 1000);
  if (lead <= 0) return seamed;
  const samples = new Float32Array(lead + seamed.samples.length);
  samples.set(seamed.samples, lead);
  return { samples, cutStart: seamed.cutStart - lead };
}

/** The audio scaled by `gain`; a copy, so cached model outputs are never changed. Clipping happens at int16. */
function applyGain(samples: Float32Array, gain: number): Float32Array {
  if (gain === 1) return samples;
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = samples[i]! * gain;
  return out;
}
