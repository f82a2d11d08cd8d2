// Stack frames, in case a message carries one: "    at fn (file:line:col)".
const STACK_FRAME = /\n[ \t]*at [^\n]*/g;

// Node's file-system errors: "ENOENT: no such file or directory, open 'models/x.onnx'" (also "'a' -> 'b'" for
// rename and copyfile). The quoted names are files even when relative, so they go too.
const FS_ERROR = /\b(E[A-Z]{2,}: [^,\n]*, [a-z]+ )'[^'\n]*'(?: -> '[^'\n]*')?/g;

// One segment of a POSIX path: anything but blanks, separators, quotes, brackets and the punctuation a
// sentence puts after a path. `#` is out too, so `/k#O/` is not read as a path.
const SEGMENT = String.raw`[^\s/\\'"\x60<>()[\]{}|;,:*?#]+`;

// Matched in one pass, leftmost first. The first alternative is an inline pronunciation, `[Kokoro](/kˈOkəɹO/)`,
// kept as it is (its phonemes sit between slashes); the others are file paths:
//   - a file:// URL;
//   - a Windows drive or UNC path, up to the next blank or quote;
//   - an absolute POSIX (or ~/) path of two or more segments, not preceded by a word character, `.`, `/` or `:`,
//     so neither the path of an http URL, nor `and/or`, `1/2` or `application/json` is taken for one.
const SCRUB = new RegExp(
  [
    String.raw`(\[[^[\]\n]{1,200}\]\(\s*\/[^()\n]*\/\s*\))`,
    String.raw`\bfile:\/\/[^\s'"\x60<>()]*`,
    String.raw`(?<![\p{L}\p{N}_])(?:[A-Za-z]:[\\/]|\\\\)[^\s'"\x60,;()<>]*`,
    String.raw`(?<![\p{L}\p{N}_./\\:~-])~?(?:\/${SEGMENT}){2,}\/?`,
  ].join("|"),
  "gu",
);

/**
 * A message that is safe to show a client: file paths become "(a file)" and stack frames are dropped; the
 * full text belongs in the log. `model file not found: /home/me/kokoro.onnx` → `model file not found: (a file)`,
 * while `invalid phoneme symbol '#' in [Kokoro](/k#O/)` is left as it is.
 */
export function publicMessage(message: string): string {
  return message
    .replace(STACK_FRAME, "")
    .replace(FS_ERROR, (match: string, head: string) => `${head}'(a file)'${match.includes("' -> '") ? " -> '(a file)'" : ""}`)
    .replace(SCRUB, (match: string, pronunciation: string | undefined) => pronunciation ?? "(a file)")
    .trim();
}
