import { clip, parseDuration } from "./durations.js";
import { parseRate, scaledSpeed } from "./rates.js";
import { ScriptBuilder } from "./script-builder.js";
import { scriptError } from "./script-error.js";
import type { SpeechScript, Voicing } from "./segments.js";

/**
 * A tag at a `[`: `[pause:1.5s]`, `[pause:300ms]`, `[voice:bf_emma]` (any voice or blend), `[rate:1.2]`. Sticky and
 * bounded (a value holds no bracket or line break and at most 200 characters), so each `[` costs O(200) at most.
 */
const TAG = /\[(pause|voice|rate):([^[\]\n]{1,200})\]/iuy;

/** Whether `text` holds any inline speech tag (plain text without one takes the plain-text path unchanged). */
export function hasInlineTags(text: string): boolean {
  for (let at = text.indexOf("["); at !== -1; at = text.indexOf("[", at + 1)) {
    TAG.lastIndex = at;
    if (TAG.test(text)) return true;
  }
  return false;
}

/**
 * Plain text with inline tags, into `builder`: text between tags is spoken with the voicing the tags before it set,
 * starting from `base`. `[voice:…]` changes the voice until the next one; `[rate:…]` sets the speed to the
 * request's speed times the rate (`[rate:1]` restores it); `[pause:…]` is exact silence. A `[` that starts no tag
 * is text (the existing `[word](/phonemes/)` among it). A tag with a bad value is a 400 naming its position.
 */
export function addInlineTagged(text: string, base: Voicing, builder: ScriptBuilder): void {
  let voicing = base;
  let from = 0;
  for (let at = text.indexOf("["); at !== -1; at = text.indexOf("[", at + 1)) {
    TAG.lastIndex = at;
    const m = TAG.exec(text);
    if (m === null) continue;
    builder.text(text.slice(from, at), voicing);
    from = TAG.lastIndex;
    const name = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    const where = `tag ${clip(m[0])} at character ${at + 1}`;
    if (name === "pause") {
      const ms = parseDuration(value);
      if (typeof ms === "string") throw scriptError(`${where}: ${ms}`, "invalid_tag");
      builder.pause(ms);
    } else if (name === "voice") {
      if (value === "") throw scriptError(`${where}: the voice is empty`, "invalid_tag");
      voicing = { ...voicing, voice: value };
    } else {
      const rate = parseRate(value);
      if (typeof rate === "string") throw scriptError(`${where}: ${rate}`, "invalid_tag");
      voicing = { ...voicing, speed: scaledSpeed(base.speed, rate) };
    }
    at = from - 1;
  }
  builder.text(text.slice(from), voicing);
}

/** Plain text with inline tags as a script (see addInlineTagged). */
export function compileInlineTags(text: string, base: Voicing): SpeechScript {
  const builder = new ScriptBuilder();
  addInlineTagged(text, base, builder);
  return builder.finish();
}
