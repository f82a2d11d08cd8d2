import { performance } from "node:perf_hooks";
import { assertEncoderAvailable, CONTENT_TYPES, EncoderUnavailableError, type AudioFormat } from "../audio/encoders/index.js";
import { CancelledError } from "../engine/errors.js";
import { resolveVoice, type ResolvedVoice } from "../engine/voices/index.js";
import { InvalidPhonemesError, LanguageUnavailableError } from "../g2p/index.js";
import { SAMPLE_RATE } from "../model/contract.js";
import type { Lang } from "../text/lang.js";
import { NothingToSpeakError, SpeechInputError } from "./errors.js";
import { prepareSpeech, synthesize, type AudioChunk, type PreparedSpeech, type SpeechServices } from "./speech.js";
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
}

/** What one request asks for, already validated field by field (pipeline/request.ts). */
export interface SpeechSpec {
  /** A voice name, an OpenAI alias or a blend: resolved against the loaded voices here. */
  readonly voice: string;
  /** null: the voice's language. */
  readonly lang: Lang | null;
  readonly speed: number;
  readonly volume: number;
  readonly format: AudioFormat;
}

/** What the pipeline reports while it speaks, in order. */
export type SpeechEvent =
  /** A piece of text's head was read and its first call planned (`g2pMs`: the front-end time before that call). */
  | { readonly type: "text"; readonly characters: number; readonly g2pMs: number }
  /** One model call's audio, where it starts in the whole speech, and when its words are spoken. */
  | { readonly type: "call"; readonly call: AudioChunk; readonly offsetS: number; readonly words: readonly WordTiming[]; readonly estimated: boolean };

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
  ) {
    this.contentType = CONTENT_TYPES[format];
  }

  /**
   * Text → events. Pieces are spoken one after another on one timeline: a later piece's calls carry on where
   * the audio so far ends (offsets, deadlines and the look-ahead bound hold for the whole speech). Throws
   * CancelledError once `signal` aborts, and SpeechInputError as `onPieceError` describes.
   */
  async *events(text: string | AsyncIterable<string>, options: SpeakOptions): AsyncGenerator<SpeechEvent> {
    const { signal } = options;
    const maxAheadS = options.streaming && this.settings.maxAheadSeconds > 0 ? this.settings.maxAheadSeconds : undefined;
    let audioS = 0;
    /** When the first audio was handed over: the listener's timeline, for later pieces' deadlines. */
    let firstAudioAt: number | null = null;
    for await (const piece of typeof text === "string" ? [text] : text) {
      if (signal?.aborted) throw new CancelledError("request cancelled");
      const prepared = await this.prepare(piece, options);
      if (prepared === null) continue;
      yield { type: "text", characters: piece.length, g2pMs: prepared.g2pMs };
      const startAtMs = firstAudioAt === null ? undefined : firstAudioAt + audioS * 1000;
      for await (const call of synthesize(prepared, this.services, { signal, maxAheadS, startAtMs })) {
        firstAudioAt ??= performance.now();
        const { words, estimated } = wordTimings(call.chunk, audioS - call.cutStartS, call.rawDurationS, call.durations);
        yield { type: "call", call, offsetS: audioS, words, estimated };
        audioS += call.samples.length / SAMPLE_RATE;
      }
    }
    // Pieces that stop coming because the speech was cancelled (a closed socket ends its text) end it as cancelled.
    if (signal?.aborted) throw new CancelledError("request cancelled");
    if (firstAudioAt === null && !options.onPieceError) throw new SpeechInputError("input has nothing to speak", "empty_input", "input");
  }

  /** One piece read and planned; null when it is skipped (blank, or refused and reported to onPieceError). */
  private async prepare(piece: string, options: SpeakOptions): Promise<PreparedSpeech | null> {
    if (piece.trim() === "") return null;
    try {
      return await prepareSpeech(
        { text: piece, voice: this.voice, speed: this.speed, lang: this.lang, codeBlocks: this.settings.codeBlocks, volume: this.volume },
        this.services.frontEnd,
        this.settings.adaptiveCallSizing
          ? { cost: this.services.engine.cost.forPlanning(), firstCallMs: options.streaming ? firstCallBudgetMs(this.settings.ttfaTargetMs) : undefined }
          : undefined,
        options.signal,
      );
    } catch (err) {
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
  return new Speech(services, resolved.voice, spec.lang ?? defaultLang(resolved.voice), spec.speed, spec.volume, spec.format, settings);
}
