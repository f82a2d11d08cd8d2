import type { VoiceComponent } from "./voice-spec.js";

/**
 * A key for what a voice sounds like: its components by name, with their normalised weights at full precision
 * (JS's shortest exact form of each double). A voice's id rounds weights to 3 digits for people to read, so two
 * different blends may share an id; they never share this key. Order-free: `a+b` and `b+a` mix the same pack.
 */
export function voiceMixKey(voice: { readonly components: readonly VoiceComponent[] }): string {
  return [...voice.components]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((c) => `${c.name}:${c.weight}`)
    .join("+");
}
