// Voices: loading (.bin directory or .npz, plus custom voices), style rows, blends, presets and OpenAI voice names.
export { loadVoices, VoiceStore } from "./voice-store.js";
export type { LoadVoicesOptions } from "./voice-store.js";
export { resolveVoice, MAX_BLEND_VOICES } from "./voice-spec.js";
export { voiceMixKey } from "./voice-key.js";
export { CUSTOM_VOICE_NAME_PATTERN, customNameProblem, customVoiceInfo, DEFAULT_CUSTOM_VOICE_LANG } from "./custom-voices.js";
export type { ResolvedVoice, VoiceCatalog, VoiceComponent, VoicePreset, VoiceSpecFailure, VoiceSpecResult } from "./voice-spec.js";
export { PRESET_NAME_PATTERN } from "./presets.js";
export type { PresetDefinition } from "./presets.js";
export { MIN_ROW_NORM_SHARE } from "./blend.js";
export { OPENAI_VOICES, kokoroVoiceForOpenAi } from "./openai-voices.js";
export type { OpenAiVoice } from "./openai-voices.js";
export { languageOf, voiceInfo, VOICE_NAME_PATTERN } from "./voice-names.js";
export type { VoiceGender, VoiceInfo, VoiceLanguage } from "./voice-names.js";
export { PACK_BYTES, PACK_FLOATS, styleRow, styleRowIndex } from "./voice-pack.js";
export { float32ToLittleEndian } from "./float32-le.js";
