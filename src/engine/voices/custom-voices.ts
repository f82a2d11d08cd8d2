// The user's own voice files (config `customVoices`): any plain name, its language from the config, from a Kokoro
// prefix, or en-us.
import { stat } from "node:fs/promises";
import type { Lang } from "../../text/lang.js";
import { VoiceFileError } from "../errors.js";
import { readBinVoiceDir } from "./bin-dir.js";
import { kokoroVoiceForOpenAi } from "./openai-voices.js";
import { voiceInfo, type VoiceInfo } from "./voice-names.js";
import type { PackSource } from "./voice-pack.js";

/** Lower-case letters, digits and `_`, starting with a letter: never confused with a blend's `+ - ( )`. */
export const CUSTOM_VOICE_NAME_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/** A custom voice without a language of its own (in the config or its name) speaks American English. */
export const DEFAULT_CUSTOM_VOICE_LANG: Lang = "en-us";

/** Why `name` cannot name a custom voice, or null. */
export function customNameProblem(name: string): string | null {
  if (!CUSTOM_VOICE_NAME_PATTERN.test(name)) return `'${name}' is not a custom voice name (lower-case letters, digits and _, starting with a letter, e.g. narrator or af_narrator)`;
  if (kokoroVoiceForOpenAi(name) !== undefined) return `'${name}' is an OpenAI voice name; name the file differently`;
  return null;
}

/**
 * What a custom voice is: its language from `language` (config `customVoiceLanguages`) when given, else from a
 * Kokoro prefix (`bf_narrator`: en-gb), else en-us; its gender from a Kokoro prefix, else unknown.
 */
export function customVoiceInfo(name: string, language: Lang | undefined): VoiceInfo {
  const kokoro = voiceInfo(name);
  if (typeof kokoro !== "string") return language === undefined ? kokoro : { ...kokoro, language };
  return { name, language: language ?? DEFAULT_CUSTOM_VOICE_LANG, gender: "unknown" };
}

export interface CustomVoices {
  readonly packs: ReadonlyMap<string, PackSource>;
  readonly infos: ReadonlyMap<string, VoiceInfo>;
}

/**
 * Reads the custom voices folder. VoiceFileError for a folder that is not one, a bad file name or file, and a
 * `languages` entry that names no voice in the folder (a typo would otherwise go unnoticed).
 */
export async function readCustomVoices(dir: string, languages: Readonly<Record<string, Lang>> = {}): Promise<CustomVoices> {
  const stats = await stat(dir).catch(() => null);
  if (stats === null || !stats.isDirectory()) throw new VoiceFileError(`customVoices ${dir}: not a folder`);
  const packs = await readBinVoiceDir(dir, customNameProblem);
  const unknown = Object.keys(languages).filter((name) => !packs.has(name));
  if (unknown.length > 0) throw new VoiceFileError(`customVoiceLanguages: no custom voice ${unknown.map((n) => `'${n}'`).join(", ")} in ${dir}`);
  const infos = new Map([...packs.keys()].map((name) => [name, customVoiceInfo(name, Object.hasOwn(languages, name) ? languages[name] : undefined)]));
  return { packs, infos };
}
