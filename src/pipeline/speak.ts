import { performance } from "node:perf_hooks";
import { assertEncoderAvailable, CONTENT_TYPES, EncoderUnavailableError, type AudioFormat } from "../audio/encoders/index.js";
import { DEFAULT_SEAMS } from "../audio/seams.js";
import { CancelledError } from "../engine/errors.js";
import { resolveVoice, type ResolvedVoice } from "../engine/voices/index.js";
import { InvalidPhonemesError, LanguageUnavailableError } from "../g2p/index.js";
import { SAMPLE_RATE } from "../model/contract.js";
import type { Lang } from "../text/lang.js";
import type { NormalizationSwitches } from "../text/normalization-options.js";
import { NothingToSpeakError, SpeechInputError } from "./errors.js";
import { prepareSpeech, synthesize, type AudioChunk, type PreparedSpeech, type SpeechServices } from "./speech.js";
import { preparePhonemes } from "./prepare-phonemes.js";
import { PieceSeams } from "./piece-seams.js";
import { preparedSteps, stepsOf, type ResolvedScript, type SpeechStep } from "./speech-steps.js";
import type { SpeechScript } from "./script/index.js";
import { hasInlineTags } from "./script/inline-tags.js";
import type { InputFormat } from "./script/input-formats.js";
import { speechInput, type SpeechInputRequest } from "./speech-input.js";
import { wordTimings, type WordTiming } from "./word-timings.js";

/** How the server reads and paces text (from the config); the same for every request. */
export interface SpeakSettings {
  readonly codeBlocks: "skip" | "read";
  /** Size calls from the engine's measured cost (TTFA-first) rather than a fixed plan. */
  readonly adaptiveCallSizing: boolean;
  /** A streamed speech's first audio should come within this many ms: it sizes the first call (adaptiveCallSizing). */
  readonly ttfaTargetMs: number;
  /** Streaming look-ahead bound in seconds (0 = none). */
  readonly maxAheadSeconds: number;
  /** The most ids one model call may hold (absent: the model's 510); see the config's maxCallIds. */
  readonly maxCallIds?: number;
}

/** What one request asks for, already validated field by field (pipeline/request.ts). */
export interface SpeechSpec {
  /** A voice name, an OpenAI alias or a blend: resolved against the loaded voices here. */
  readonly voice: string;
  /** null: the voice's language. */
  readonly lang: Lang | null;
  readonly speed: number;
  /** False when `speed` is only the default: a voice preset's own speed applies instead. Absent: set. */
  readonly explicitSpeed?: boolean;
  readonly volume: number;
  readonly format: AudioFormat;
  /** Normalizer classes switched on or off (`normalization`); all on when absent. */
  readonly normalization?: NormalizationSwitches;
}

/** What the pipeline reports while it speaks, in order. */
export type SpeechEvent =
  /** A piece of text's head was read and its first call planned (`g2pMs`: the front-end time before that call). */
  | { readonly type: "text"; readonly characters: number; readonly g2pMs: number }
  /** One model call's audio, where it starts in the whole speech, and when its words are spoken. */
  | {
      readonly type: "call";
      readonly call: AudioChunk;
      readonly offsetS: number;
      readonly words: readonly WordTiming[];
      readonly estimated: boolean;
      /** The dialogue turn the call speaks (dialogues only). */
      readonly turn?: number;
    };

export interface SpeakOptions {
  readonly signal?: AbortSignal;
  /** The audio is consumed as it is made (a listener): the look-ahead bound applies. False for a whole file. */
  readonly streaming: boolean;
  /**
   * Text that arrives in pieces (a WebSocket): a piece that cannot be spoken on its own (nothing speakable, bad
   * inline phonemes) is reported here and skipped, and the speech goes on. Without it such a piece ends the speech
   * with a SpeechInputError, and so does a text with nothing to speak at all.
   */
  readonly onPieceError?: (err: SpeechInputError) => void;
  /**
   * Text that arrives in pieces: how each piece is written and the request its markup is read against (a
   * WebSocket's `start`). Absent: text with inline tags, in the speech's own voice and language.
   */
  readonly pieces?: PieceReading;
}

/** How each streamed piece is read: compiled on its own, exactly as an HTTP request's whole input is (speechInput). */
export interface PieceReading {
  /** text (inline tags allowed), ssml (each piece one whole document) or phonemes (each piece whole sentences). */
  readonly format: InputFormat;
  /** The request as sent: its voice (a name, blend or preset), lang (null: each voice's own), whether it set a speed. */
  readonly request: Omit<SpeechInputRequest, "input" | "inputFormat">;
  /** Markup an SSML piece did not understand: its text is spoken all the same. */
  readonly onIgnoredTags?: (tags: readonly string[]) => void;
}

/** The pipeline's own errors as the input errors they are, or null for anything else. */
function inputErrorOf(err: unknown): SpeechInputError | null {
  if (err instanceof SpeechInputError) return err;
  if (err instanceof NothingToSpeakError) return new SpeechInputError("input has nothing to speak", "empty_input", "input");
  if (err instanceof InvalidPhonemesError) return new SpeechInputError(err.message, "invalid_phonemes", "input");
  if (err instanceof LanguageUnavailableError) return new SpeechInputError(err.message, err.code, "lang");
  return null;
}

/**
 * The one way into the pipeline: a validated request, bound to a voice, a language and an output format.
 * `events()` turns text (one string, or pieces as they arrive) into model calls with their word timings;
 * `audio/encode-speech` turns those into the format's bytes. HTTP, the WebSocket and `kokoro say --local` all
 * go through here, so a text is read, planned and paced the same whichever way it came.
 */
export class Speech {
  readonly contentType: string;

  constructor(
    private readonly services: SpeechServices,
    readonly voice: ResolvedVoice,
    readonly lang: Lang,
    readonly speed: number,
    readonly volume: number,
    readonly format: AudioFormat,
    private readonly settings: SpeakSettings,
    private readonly normalization: NormalizationSwitches = {},
  ) {
    this.contentType = CONTENT_TYPES[format];
  }

  /**
   * A compiled script (SSML, inline tags, phonemes, a dialogue) bound to the loaded voices, for `events`: a 400
   * (SpeechInputError) for an unknown voice or bad inline phonemes anywhere in it, before any work starts.
   */
  bindScript(script: SpeechScript, options: { readonly presetSpeeds?: boolean } = {}): ResolvedScript {
    return stepsOf(script, (voice) => resolveSpeechVoice(this.services, voice), { apply: options.presetSpeeds ?? false, baseSpeed: this.speed });
  }

  /**
   * Text (or a bound script) → events. Pieces and a script's steps are spoken one after another on one timeline: a
   * later piece's calls carry on where the audio so far ends (offsets, deadlines and the look-ahead bound hold for
   * the whole speech). Throws CancelledError once `signal` aborts, and SpeechInputError as `onPieceError` describes.
   */
  async *events(input: string | AsyncIterable<string> | ResolvedScript, options: SpeakOptions): AsyncGenerator<SpeechEvent> {
    const { signal } = options;
    const maxAheadS = options.streaming && this.settings.maxAheadSeconds > 0 ? this.settings.maxAheadSeconds : undefined;
    let audioS = 0;
    /** When the first audio was handed over: the listener's timeline, for later pieces' deadlines. */
    let firstAudioAt: number | null = null;
    const script = typeof input === "object" && "steps" in input;
    const steps = script ? input.steps : this.textSteps(input, options);
    for await (const { step, prepared, leadMs } of preparedSteps(steps, (s) => this.prepare(s, options, script), script)) {
      if (signal?.aborted) throw new CancelledError("request cancelled");
      yield { type: "text", characters: step.content.length, g2pMs: prepared.g2pMs };
      const startAtMs = firstAudioAt === null ? undefined : firstAudioAt + audioS * 1000;
      for await (const call of synthesize(prepared, this.services, { signal, maxAheadS, startAtMs, leadMs, ending: step.ending })) {
        firstAudioAt ??= performance.now();
        const { words, estimated } = wordTimings(call.chunk, audioS - call.cutStartS, call.rawDurationS, call.durations);
        yield step.turn === undefined ? { type: "call", call, offsetS: audioS, words, estimated } : { type: "call", call, offsetS: audioS, words, estimated, turn: step.turn };
        audioS += call.samples.length / SAMPLE_RATE;
      }
    }
    // Pieces that stop coming because the speech was cancelled (a closed socket ends its text) end it as cancelled.
    if (signal?.aborted) throw new CancelledError("request cancelled");
    if (firstAudioAt === null && !options.onPieceError) throw new SpeechInputError("input has nothing to speak", "empty_input", "input");
  }

  /**
   * Plain text pieces as steps in the speech's own voice, each ending as a speech ends (today's path). Pieces that
   * arrive one by one (a WebSocket) are read in their form (`options.pieces`): a piece with markup, SSML or phonemes
   * becomes its script's steps.
   */
  private async *textSteps(text: string | AsyncIterable<string>, options: SpeakOptions): AsyncGenerator<SpeechStep> {
    if (typeof text === "string") {
      yield this.plainStep(text);
      return;
    }
    // A sentence or paragraph boundary between two pieces gets the pause the same text sent whole gets there.
    const reading = { lang: this.lang, codeBlocks: this.settings.codeBlocks, normalization: this.normalization };
    const seams = new PieceSeams(options.pieces?.format ?? "text", reading, (this.services.seams ?? DEFAULT_SEAMS).pauseMs);
    for await (const piece of text) {
      if (piece.trim() === "") {
        seams.next(piece, []);
        continue;
      }
      const steps = options.pieces === undefined && !hasInlineTags(piece) ? [this.plainStep(piece)] : this.pieceSteps(piece, options);
      yield* seams.next(piece, steps);
    }
  }

  private plainStep(content: string): SpeechStep {
    return { kind: "text", content, voice: this.voice, speed: this.speed, lang: this.lang, leadMs: 0, ending: "end" };
  }

  /** A streamed piece compiled in its form; a bad tag, document, symbol or voice is reported to onPieceError and the piece skipped. */
  private pieceSteps(piece: string, options: SpeakOptions): readonly SpeechStep[] {
    // Without a reading of the request's own, markup is relative to this speech: a voice the speech's language was
    // not set for (the voice's own) lets a [voice:…] tag bring its own language.
    const reading = options.pieces ?? { format: "text", request: { voice: this.voice.id, lang: this.lang === this.voice.language ? null : this.lang } };
    try {
      const input = speechInput(this, { ...reading.request, input: piece, inputFormat: reading.format });
      if (typeof input === "string") return [this.plainStep(input)];
      if (input.ignoredTags.length > 0) reading.onIgnoredTags?.(input.ignoredTags);
      return input.steps;
    } catch (err) {
      if (!(err instanceof SpeechInputError) || !options.onPieceError) throw err;
      options.onPieceError(err);
      return [];
    }
  }

  /**
   * One step read and planned; null when it is skipped (blank, or refused and reported to onPieceError; in a
   * script, a step with nothing to speak — its pauses still hold).
   */
  private async prepare(step: SpeechStep, options: SpeakOptions, inScript: boolean): Promise<PreparedSpeech | null> {
    if (step.content.trim() === "") return null;
    if (options.signal?.aborted) throw new CancelledError("request cancelled");
    const job = { text: step.content, voice: step.voice, speed: step.speed, lang: step.lang, codeBlocks: this.settings.codeBlocks, normalization: this.normalization, volume: this.volume, maxCallIds: this.settings.maxCallIds };
    const planning = this.settings.adaptiveCallSizing
      ? { cost: this.services.engine.cost.forPlanning(), firstCallMs: options.streaming ? firstCallBudgetMs(this.settings.ttfaTargetMs) : undefined }
      : undefined;
    try {
      if (step.kind === "phonemes") return preparePhonemes(job, planning);
      return await prepareSpeech(job, this.services.frontEnd, planning, options.signal);
    } catch (err) {
      if (inScript && err instanceof NothingToSpeakError) return null;
      const input = inputErrorOf(err);
      if (input === null || !options.onPieceError) throw input ?? err;
      options.onPieceError(input);
      return null;
    }
  }
}

/**
 * The compute a first call may take within a TTFA target: the rest is for reading the text's head, waiting for a
 * worker, encoding and sending (tens of ms), and for the estimate's error.
 */
export function firstCallBudgetMs(ttfaTargetMs: number): number {
  return Math.max(ttfaTargetMs * 0.8, ttfaTargetMs - 100);
}

/**
 * The language a voice speaks by default: its own (the prefix of its name, of a blend's heaviest voice). A language
 * this server cannot read is refused when the text is read (LanguageUnavailableError), never read as English.
 */
export function defaultLang(voice: ResolvedVoice): Lang {
  return voice.language;
}

/**
 * Checks what depends on this machine and the loaded voices — the voice exists, ffmpeg can write the format —
 * before any work starts (SpeechInputError otherwise), and binds the request to them.
 */
export async function openSpeech(services: SpeechServices, spec: SpeechSpec, settings: SpeakSettings): Promise<Speech> {
  try {
    await assertEncoderAvailable(spec.format);
  } catch (err) {
    if (err instanceof EncoderUnavailableError) throw new SpeechInputError(err.message, "encoder_unavailable", "response_format");
    throw err;
  }
  const resolved = resolveVoice(spec.voice, services.voices);
  if (!resolved.ok) throw new SpeechInputError(resolved.message, "invalid_voice", "voice");
  const speed = spec.explicitSpeed === false ? (resolved.voice.speed ?? spec.speed) : spec.speed;
  return new Speech(services, resolved.voice, spec.lang ?? defaultLang(resolved.voice), speed, spec.volume, spec.format, settings, spec.normalization);
}

/** A voice named anywhere in a request (a script's `<voice>`, a `[voice:…]` tag, a dialogue turn), resolved as `voice` is. */
export function resolveSpeechVoice(services: Pick<SpeechServices, "voices">, voice: string): ResolvedVoice {
  const resolved = resolveVoice(voice, services.voices);
  if (!resolved.ok) throw new SpeechInputError(resolved.message, "invalid_voice", "voice");
  return resolved.voice;
}
