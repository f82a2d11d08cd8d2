// Voices: loading (.bin directory or .npz), style rows, blends and OpenAI voice names.
export { loadVoices, VoiceStore } from "./voice-store.js";
export { resolveVoice, MAX_BLEND_VOICES } from "./voice-spec.js";
export type { ResolvedVoice, VoiceCatalog, VoiceComponent, VoiceSpecResult } from "./voice-spec.js";
export { OPENAI_VOICES, kokoroVoiceForOpenAi } from "./openai-voices.js";
export type { OpenAiVoice } from "./openai-voices.js";
export { languageOf, voiceInfo, VOICE_NAME_PATTERN } from "./voice-names.js";
export type { VoiceGender, VoiceInfo, VoiceLanguage } from "./voice-names.js";
export { PACK_BYTES, PACK_FLOATS, styleRow, styleRowIndex } from "./voice-pack.js";
