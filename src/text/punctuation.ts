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
 * Final cleanup of a normalized sentence: only speakable characters and the model's punctuation,
 * single spaces, no stray or doubled marks, and a closing mark so every piece ends like a sentence.
 */
export function tidyPunctuation(text: string): string {
  let t = text
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
  const body = t.replace(CLOSING, "");
  if (!TERMINAL.test(body) && /[\p{L}\p{N}\p{M}\uE000]$/u.test(body)) t += ".";
  return t;
}
