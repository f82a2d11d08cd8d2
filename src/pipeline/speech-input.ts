import { compileInput, type InputFormat } from "./script/index.js";
import type { Speech } from "./speak.js";
import type { ResolvedScript } from "./speech-steps.js";
import type { Lang } from "../text/lang.js";

/**
 * A request's input for `speech.events`: plain text as it is (today's path, unchanged), or its compiled script
 * (SSML, inline tags, phonemes) bound to the loaded voices. SpeechInputError (a 400) for anything wrong in it.
 */
export function speechInput(speech: Speech, request: SpeechInputRequest): string | ResolvedScript {
  const compiled = compileInput(request.input, request.inputFormat, { voice: request.voice, speed: speech.speed, lang: request.lang });
  return compiled.kind === "plain" ? compiled.text : speech.bindScript(compiled.script, { presetSpeeds: request.explicitSpeed === false });
}

/** The fields of a request that say what to speak and how. */
export interface SpeechInputRequest {
  readonly input: string;
  readonly inputFormat: InputFormat | undefined;
  readonly voice: string;
  readonly lang: Lang | null;
  /** False: the client set no speed, so a voice preset's own speed applies (also to voices the markup names). */
  readonly explicitSpeed?: boolean;
}

/** Markup a script did not understand, for a response header: at most 20 names, printable ASCII only. */
export function ignoredTagsHeader(input: string | ResolvedScript): string | null {
  if (typeof input === "string" || input.ignoredTags.length === 0) return null;
  return input.ignoredTags
    .slice(0, 20)
    .map((t) => t.replace(/[^\x21-\x7e ]/gu, "?"))
    .join(", ");
}
