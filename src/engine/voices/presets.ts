// Named voice presets from the config (`voicePresets`): checked once, when the voices load, so a request never
// meets a preset that cannot be spoken.
import { VoiceFileError } from "../errors.js";
import { kokoroVoiceForOpenAi } from "./openai-voices.js";
import { resolveVoice, type VoiceCatalog, type VoicePreset } from "./voice-spec.js";

/** A preset as the config writes it: a voice or blend, or `{voice, speed}`. */
export type PresetDefinition = string | { readonly voice: string; readonly speed?: number | undefined };

/** Lower-case letters, digits and `_`, starting with a letter: never confused with a blend's `+ - ( )`. */
export const PRESET_NAME_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * The presets by lower-case name. A preset may not take a voice's or an OpenAI voice's name (which would it
 * mean?), and its voice must resolve against `voices` (presets cannot name presets). Throws VoiceFileError
 * naming the preset otherwise.
 */
export function checkPresets(definitions: Readonly<Record<string, PresetDefinition>>, voices: VoiceCatalog): Map<string, VoicePreset> {
  const presets = new Map<string, VoicePreset>();
  for (const [name, definition] of Object.entries(definitions)) {
    const where = `voicePresets.${name}`;
    if (!PRESET_NAME_PATTERN.test(name)) {
      throw new VoiceFileError(`${where}: a preset name is lower-case letters, digits and _, starting with a letter`);
    }
    if (voices.has(name) || kokoroVoiceForOpenAi(name) !== undefined) throw new VoiceFileError(`${where}: '${name}' is already a voice's name`);
    const preset: VoicePreset = typeof definition === "string" ? { voice: definition } : { voice: definition.voice, ...(definition.speed === undefined ? {} : { speed: definition.speed }) };
    const resolved = resolveVoice(preset.voice, voices);
    if (!resolved.ok) throw new VoiceFileError(`${where}: ${resolved.message}`);
    presets.set(name, preset);
  }
  return presets;
}
