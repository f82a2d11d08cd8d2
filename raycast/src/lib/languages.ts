// Kokoro's nine languages as the extension shows them, and a voice's language and gender read from its name
// (`<language letter><gender letter>_<name>`, e.g. af_heart: English (US), female), as kokoro-server reads it.

/** Names for people, the same as the server's `language_name` (used when a server sends none). */
export const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  "en-us": "English (US)",
  "en-gb": "English (UK)",
  es: "Spanish",
  "fr-fr": "French",
  hi: "Hindi",
  it: "Italian",
  ja: "Japanese",
  "pt-br": "Portuguese (Brazil)",
  zh: "Mandarin Chinese",
};

const LANGUAGE_BY_LETTER: Readonly<Record<string, string>> = {
  a: "en-us",
  b: "en-gb",
  e: "es",
  f: "fr-fr",
  h: "hi",
  i: "it",
  j: "ja",
  p: "pt-br",
  z: "zh",
};

const GENDER_BY_LETTER: Readonly<Record<string, string>> = { f: "female", m: "male" };

export interface VoiceName {
  readonly id: string;
  readonly language?: string;
  readonly gender?: string;
}

/** A voice's language and gender from its name; none for a name outside Kokoro's pattern (a preset, an OpenAI name). */
export function voiceFromName(id: string): VoiceName {
  const match = /^([a-z])([a-z])_[a-z0-9]+$/.exec(id);
  const language = match ? LANGUAGE_BY_LETTER[match[1]!] : undefined;
  const gender = match ? GENDER_BY_LETTER[match[2]!] : undefined;
  return { id, ...(language ? { language } : {}), ...(gender ? { gender } : {}) };
}

/** "French" for "fr-fr"; the code itself for a language the extension does not know. */
export function languageName(code: string): string {
  return LANGUAGE_NAMES[code] ?? code;
}
