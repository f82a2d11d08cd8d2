export { compileInput, INPUT_FORMATS, type CompiledInput, type InputFormat } from "./compile.js";
export { compileDialogue, type DialogueTurn } from "./dialogue.js";
export { phonemePieces } from "./phoneme-pieces.js";
export type { PauseSegment, PhonemeSegment, Segment, SpeechScript, SpokenSegment, TextSegment, Voicing } from "./segments.js";
export { MAX_PAUSE_MS, MAX_SSML_DEPTH, MAX_TOTAL_PAUSE_MS } from "./limits.js";
