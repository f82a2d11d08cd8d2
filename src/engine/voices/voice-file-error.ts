/** A voice file or directory that cannot be loaded; the message names the file (and entry) at fault. */
export class VoiceFileError extends Error {
  override readonly name = "VoiceFileError";
}
