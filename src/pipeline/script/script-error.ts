import { SpeechInputError } from "../errors.js";

/** Markup or phonemes a client got wrong: a 400 (`code`) on the `input` field (or `param`), before any work starts. */
export function scriptError(message: string, code: "invalid_ssml" | "invalid_tag" | "invalid_phonemes" | "invalid_value" | "empty_input", param = "input"): SpeechInputError {
  return new SpeechInputError(message, code, param);
}
