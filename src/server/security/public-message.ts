// An absolute POSIX path (two or more segments) or a Windows drive / UNC path, up to the next space or quote;
// not the path part of a URL (preceded by a host name or `//`).
const PATH = /(?<![\w/.\\-])(?:[A-Za-z]:[\\/]|\\\\|\/(?=[^\s/'"`]+\/))[^\s'"`,;()<>]*/g;
// Stack frames, in case a message carries one: "    at fn (file:line:col)".
const STACK_FRAME = /\n\s*at [^\n]*/g;

/**
 * A message that is safe to show a client: file paths become "(a file)" and stack frames are dropped; the
 * full text belongs in the log. `model file not found: /home/me/kokoro.onnx` → `model file not found: (a file)`.
 */
export function publicMessage(message: string): string {
  return message.replace(STACK_FRAME, "").replace(PATH, "(a file)").trim();
}
