// Re-exports what the peers bench uses, resolved from this folder's own node_modules, so that the bench's
// child process gets the same module instances as kokoro-js itself (one Transformers.js `env`).
export { KokoroTTS, TextSplitterStream } from "kokoro-js";
export { AutoTokenizer, StyleTextToSpeech2Model, env } from "@huggingface/transformers";
