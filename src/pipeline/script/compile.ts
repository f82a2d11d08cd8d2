import { checkedPhonemes } from "./phonemes.js";
import { compileInlineTags, hasInlineTags } from "./inline-tags.js";
import { ScriptBuilder } from "./script-builder.js";
import type { SpeechScript, Voicing } from "./segments.js";
import { compileSsml, looksLikeSsml } from "./ssml.js";
import type { InputFormat } from "./input-formats.js";

export { INPUT_FORMATS, type InputFormat } from "./input-formats.js";

/** What a request's input becomes: plain text (today's path, unchanged) or a script of segments. */
export type CompiledInput = { readonly kind: "plain"; readonly text: string } | { readonly kind: "script"; readonly script: SpeechScript };

/**
 * A request's input in its form: `ssml` (or, with no format given, input that starts with `<speak`), `phonemes`,
 * or `text` with inline tags. Text without a tag stays plain text, so it takes exactly the path it always took.
 * Throws SpeechInputError (a 400) for bad markup, tags or phonemes, before any work starts.
 */
export function compileInput(input: string, format: InputFormat | undefined, base: Voicing): CompiledInput {
  if (format === "ssml" || (format === undefined && looksLikeSsml(input))) return { kind: "script", script: compileSsml(input, base) };
  if (format === "phonemes") {
    const builder = new ScriptBuilder();
    builder.phonemes(checkedPhonemes(input), base);
    return { kind: "script", script: builder.finish() };
  }
  if (!hasInlineTags(input)) return { kind: "plain", text: input };
  return { kind: "script", script: compileInlineTags(input, base) };
}
