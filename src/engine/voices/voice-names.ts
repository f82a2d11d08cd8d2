// Kokoro voice names are `<language letter><gender letter>_<name>`, e.g. af_heart (en-us, female).

import type { Lang } from "../../text/lang.js";

/** A voice speaks one of Kokoro's nine languages, named by the first letter of its name. */
export type VoiceLanguage = Lang;
/** From a Kokoro name's second letter; "unknown" for a custom voice named without a Kokoro prefix (narrator.bin). */
export type VoiceGender = "female" | "male" | "unknown";

export interface VoiceInfo {
  readonly name: string;
  readonly language: VoiceLanguage;
  readonly gender: VoiceGender;
}

const LANGUAGES: ReadonlyMap<string, VoiceLanguage> = new Map([
  ["a", "en-us"],
  ["b", "en-gb"],
  ["e", "es"],
  ["f", "fr-fr"],
  ["h", "hi"],
  ["i", "it"],
  ["j", "ja"],
  ["p", "pt-br"],
  ["z", "zh"],
]);

const GENDERS: ReadonlyMap<string, VoiceGender> = new Map([
  ["f", "female"],
  ["m", "male"],
]);

export const VOICE_NAME_PATTERN = /^[a-z]{2}_[a-z0-9]+$/;

/** Parses a voice name into its language and gender; an explanation instead when it is not a valid name. */
export function voiceInfo(name: string): VoiceInfo | string {
  if (!VOICE_NAME_PATTERN.test(name)) {
    return `'${name}' is not a voice name (expected <language><gender>_<name>, e.g. af_heart)`;
  }
  const language = LANGUAGES.get(name.charAt(0));
  if (language === undefined) return `voice '${name}' has an unknown language letter '${name.charAt(0)}'`;
  const gender = GENDERS.get(name.charAt(1));
  if (gender === undefined) return `voice '${name}' has an unknown gender letter '${name.charAt(1)}' (expected f or m)`;
  return { name, language, gender };
}

/** The explanation when `name` is not a Kokoro voice name (<language><gender>_<name>), else null. */
export function kokoroNameProblem(name: string): string | null {
  const info = voiceInfo(name);
  return typeof info === "string" ? info : null;
}

/** The language of a Kokoro voice name that is already known to be valid. */
export function languageOf(name: string): VoiceLanguage {
  const info = voiceInfo(name);
  if (typeof info === "string") throw new Error(info);
  return info.language;
}
