import type { ResolvedVoice } from "../engine/voices/index.js";
import { assertInlinePhonemes } from "../g2p/misaki/inline.js";
import type { SpeechScript } from "./script/index.js";
import type { Lang } from "../text/lang.js";
import { InvalidPhonemesError } from "../g2p/index.js";
import { scaledSpeed } from "./script/rates.js";
import { SpeechInputError } from "./errors.js";
import type { PreparedSpeech } from "./speech.js";

/** One stretch of speech in one voice, speed and language: one or more model calls, and the silence around them. */
export interface SpeechStep {
  readonly kind: "text" | "phonemes";
  readonly content: string;
  readonly voice: ResolvedVoice;
  readonly speed: number;
  readonly lang: Lang;
  /** Exact silence before it (ms): only a script's first step, when the script starts with a pause. */
  readonly leadMs: number;
  /** The pause after its last call (see SynthesizeOptions.ending). */
  readonly ending: "end" | "natural" | number;
  /** A dialogue turn's index, for the word timings. */
  readonly turn?: number;
}

/** A script bound to the loaded voices: its steps, and what it did not understand. */
export interface ResolvedScript {
  readonly steps: readonly SpeechStep[];
  readonly ignoredTags: readonly string[];
}

/** Resolves a voice as requests do; a SpeechInputError for an unknown one. */
export type VoiceResolver = (voice: string) => ResolvedVoice;

/** How a voice preset's own speed enters a script (it applies only when the request set no speed). */
export interface PresetSpeeds {
  /** The request set no speed: a segment's voice that is a preset with a speed speaks at it (times any rate markup). */
  readonly apply: boolean;
  /** The speed the script was compiled with (what a segment's speed is relative to). */
  readonly baseSpeed: number;
}

/**
 * A script's segments as steps: each voice resolved once (an unknown voice, or a bad inline pronunciation anywhere,
 * is a 400 before any work), each pause the exact ending of the step before it (or the lead of the first), a step
 * followed directly by another (a voice or speed change) ends on its text's natural pause, the last one as a speech
 * ends. `lang`: the request's (null: each voice's own).
 */
export function stepsOf(script: SpeechScript, resolve: VoiceResolver, presets: PresetSpeeds = { apply: false, baseSpeed: 1 }): ResolvedScript {
  const voices = new Map<string, ResolvedVoice>();
  const steps: SpeechStep[] = [];
  let leadMs = 0;
  for (const seg of script.segments) {
    if (seg.kind === "pause") {
      const prev = steps.at(-1);
      if (prev === undefined) leadMs += seg.ms;
      else steps[steps.length - 1] = { ...prev, ending: seg.ms };
      continue;
    }
    let voice = voices.get(seg.voice);
    if (voice === undefined) {
      voice = resolve(seg.voice);
      voices.set(seg.voice, voice);
    }
    if (seg.kind === "text") {
      try {
        assertInlinePhonemes(seg.content);
      } catch (err) {
        if (err instanceof InvalidPhonemesError) throw new SpeechInputError(err.message, "invalid_phonemes", "input");
        throw err;
      }
    }
    // Without a speed of the request's own, each voice speaks at its preset's pace (1 for a plain voice) times the rate.
    const speed = presets.apply ? scaledSpeed(voice.speed ?? 1, seg.speed / presets.baseSpeed) : seg.speed;
    const step: SpeechStep = { kind: seg.kind, content: seg.content, voice, speed, lang: seg.lang ?? voice.language, leadMs: steps.length === 0 ? leadMs : 0, ending: "natural" };
    steps.push(seg.turn === undefined ? step : { ...step, turn: seg.turn });
  }
  const last = steps.at(-1);
  if (last !== undefined && last.ending === "natural") steps[steps.length - 1] = { ...last, ending: "end" };
  return { steps, ignoredTags: script.ignoredTags };
}

/** A step with its calls planned, and the silence before it (its own lead plus the pauses of skipped steps). */
export interface PreparedStep {
  readonly step: SpeechStep;
  readonly prepared: PreparedSpeech;
  readonly leadMs: number;
}

/**
 * Steps → prepared steps, in order. A step with nothing to speak (prepare gives null) is skipped and its silence
 * goes to the next. With `ahead`, the next step is read and planned while this one is spoken (a script's steps are
 * all known), so a voice change costs no gap in a stream.
 */
export async function* preparedSteps(
  steps: Iterable<SpeechStep> | AsyncIterable<SpeechStep>,
  prepare: (step: SpeechStep) => Promise<PreparedSpeech | null>,
  ahead: boolean,
): AsyncGenerator<PreparedStep> {
  let carryMs = 0;
  const skip = (step: SpeechStep): void => {
    carryMs += step.leadMs + (typeof step.ending === "number" ? step.ending : 0);
  };
  if (ahead && Array.isArray(steps)) {
    const list = steps as readonly SpeechStep[];
    const start = (k: number): Promise<PreparedSpeech | null> | null => {
      if (k >= list.length) return null;
      const p = prepare(list[k]!);
      p.catch(() => undefined); // observed when awaited; never unhandled if the speech stops first
      return p;
    };
    let next = start(0);
    for (let k = 0; k < list.length; k++) {
      const prepared = await next!;
      next = start(k + 1);
      if (prepared === null) skip(list[k]!);
      else {
        yield { step: list[k]!, prepared, leadMs: carryMs + list[k]!.leadMs };
        carryMs = 0;
      }
    }
    return;
  }
  for await (const step of steps) {
    const prepared = await prepare(step);
    if (prepared === null) skip(step);
    else {
      yield { step, prepared, leadMs: carryMs + step.leadMs };
      carryMs = 0;
    }
  }
}
