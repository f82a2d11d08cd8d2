// "No audio output": the player program is missing, or it died before it played anything (no sound card, no
// sound server, a device it cannot open). The daemon reports it as an utterance error with this prefix, so a
// client (`kokoro say`) can tell it from other failures and give its advice instead of the player's stderr.

export const NO_AUDIO_OUTPUT = "no audio output found";
export const NO_AUDIO_OUTPUT_ADVICE = "use --out FILE or --sink null";

/** A player process that could not start or exited before it played `EARLY_PLAYBACK_MS` of audio. */
export const EARLY_PLAYBACK_MS = 1000;

export class NoAudioOutputError extends Error {
  override readonly name = "NoAudioOutputError";
  constructor(readonly detail: string) {
    super(`${NO_AUDIO_OUTPUT}: ${detail}`);
  }
}

export function isNoAudioOutput(message: string): boolean {
  return message.startsWith(NO_AUDIO_OUTPUT);
}
