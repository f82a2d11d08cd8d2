// Emoji, pictographs, their joiners/variation selectors, and control characters. espeak-ng would
// otherwise read emoji as fragments of their names ("slightly..."), which is never what a reader wants.
// (The joiner and the keycap mark are alternatives, not class members: alone in a class they look like a mistake.)
const UNSPEAKABLE = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u{FE0E}\u{FE0F}\u{E0020}-\u{E007F}]|\u{200D}|\u{20E3}|[\p{Cc}--[\n\t\r]]/gv;

/** Text with emoji and control characters removed (the front-end issue brings full normalization). */
export function stripUnspeakable(text: string): string {
  return text.replace(UNSPEAKABLE, " ");
}
