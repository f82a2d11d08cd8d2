const FULLWIDTH: Readonly<Record<string, string>> = {
  "。": ".", "．": ".", "！": "!", "？": "?", "，": ",", "、": ",", "；": ";", "：": ":", "‽": "?", "（": "(", "）": ")",
};

/** Punctuation the model knows (Kokoro's vocabulary), apostrophes and hyphens inside words. */
const KEEP = /[^\p{L}\p{M}\p{N} .,;:!?—…"“”()'\-\uE000]/gu;
const TERMINAL = /[.!?…,;:—]$/u;
const CLOSING = /["”')]+$/u;

/** Whether text has something to say: a letter, a digit or an inline pronunciation. */
export function isSpeakable(text: string): boolean {
  return /[\p{L}\p{N}\uE000]/u.test(text);
}

/**
 * Whether a tidied sentence ends on a word (a letter, digit or inline pronunciation, closing quotes aside) rather than
 * on a mark of its own: another sentence joined after it needs a closing mark first.
 */
export function endsOpen(text: string): boolean {
  const body = text.replace(CLOSING, "");
  return !TERMINAL.test(body) && /[\p{L}\p{N}\p{M}\uE000]$/u.test(body);
}

/**
 * Final cleanup of a normalized sentence: only speakable characters and the model's punctuation,
 * single spaces, no stray or doubled marks; with `close` (the default), a "." where it ends open (endsOpen).
 */
export function tidyPunctuation(text: string, close = true): string {
  const t = text
    .replace(/[。．！？，、；：‽（）]/g, (c) => FULLWIDTH[c] ?? c)
    .replace(/[’ʼ]/g, "'")
    .replace(/[¡¿]/g, " ")
    .replace(KEEP, " ")
    .replace(/\s+/g, " ")
    .replace(/\s+([.,;:!?…)”])/g, "$1")
    .replace(/([(“])\s+/g, "$1")
    .replace(/\(\s*\)|“\s*”|""/g, " ")
    .replace(/([,;:])(?:\s*[,;:])+/g, "$1")
    .replace(/[,;:]\s*([.!?…])/g, "$1")
    .replace(/([!?.])\1+/g, "$1")
    .replace(/…+/g, "…")
    .replace(/(\s?—\s?)+/g, " — ")
    .replace(/(?<![\p{L}\p{N}])'(?![\p{L}\p{N}])/gu, " ")
    .replace(/\s+/g, " ")
    .replace(/^[\s,;:.!?…—)]+/u, "")
    .trim();
  if (t === "" || !isSpeakable(t)) return "";
  return close && endsOpen(t) ? `${t}.` : t;
}
