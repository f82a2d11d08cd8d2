// OpenAI's TTS voice names, each mapped to a Kokoro voice so OpenAI clients work unchanged.
// Where Kokoro ships a voice of the same name, it is used; otherwise the pick matches the OpenAI voice's
// gender and character, preferring Kokoro's better-rated voices (af_heart, af_bella, af_nicole).

export interface OpenAiVoice {
  readonly openai: string;
  readonly kokoro: string;
  readonly note: string;
}

export const OPENAI_VOICES: readonly OpenAiVoice[] = [
  { openai: "alloy", kokoro: "af_alloy", note: "same name in Kokoro" },
  { openai: "ash", kokoro: "am_michael", note: "male, clear American voice" },
  { openai: "ballad", kokoro: "bm_george", note: "male, expressive British voice" },
  { openai: "coral", kokoro: "af_heart", note: "female, warm; Kokoro's best-rated voice" },
  { openai: "echo", kokoro: "am_echo", note: "same name in Kokoro" },
  { openai: "fable", kokoro: "bm_fable", note: "same name in Kokoro (British, like OpenAI's)" },
  { openai: "nova", kokoro: "af_nova", note: "same name in Kokoro" },
  { openai: "onyx", kokoro: "am_onyx", note: "same name in Kokoro" },
  { openai: "sage", kokoro: "af_sarah", note: "female, calm and even" },
  { openai: "shimmer", kokoro: "af_bella", note: "female, bright; highly rated" },
  { openai: "verse", kokoro: "am_puck", note: "male, lively and expressive" },
  { openai: "marin", kokoro: "af_nicole", note: "female, soft and natural; highly rated" },
  { openai: "cedar", kokoro: "am_fenrir", note: "male, deep and natural" },
];

const BY_OPENAI_NAME: ReadonlyMap<string, string> = new Map(OPENAI_VOICES.map((v) => [v.openai, v.kokoro]));

/** The Kokoro voice for an OpenAI voice name, or undefined when `name` is not one. */
export function kokoroVoiceForOpenAi(name: string): string | undefined {
  return BY_OPENAI_NAME.get(name);
}
