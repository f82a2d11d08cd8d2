/** The marker standing in for a protected inline pronunciation while the text around it is normalized. */
export const PRONUNCIATION_MARK = "\uE000";

/** An inline pronunciation: `[word](/phonemes/)`, read by the G2P, never by the normalizer. */
const PRONUNCIATION = /\[[^[\]\n]+\]\(\/[^()\n/]+\/\)/g;

const ENTITIES: Readonly<Record<string, string>> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", mdash: "—", ndash: "–", hellip: "…",
  lsquo: "‘", rsquo: "’", ldquo: "“", rdquo: "”", copy: "©", deg: "°", times: "×", euro: "€", pound: "£",
};

/**
 * Takes the inline pronunciations out (replaced by PRONUNCIATION_MARK, to be put back in order)
 * and private-use characters (so no input can forge the mark).
 */
export function protectPronunciations(text: string): { text: string; saved: string[] } {
  const saved: string[] = [];
  const out = text.replace(/[\uE000-\uF8FF]/g, " ").replace(PRONUNCIATION, (m) => {
    saved.push(m);
    return PRONUNCIATION_MARK;
  });
  return { text: out, saved };
}

export function restorePronunciations(text: string, saved: readonly string[]): string {
  if (saved.length === 0) return text;
  let k = 0;
  return text.replace(/\uE000/g, () => saved[k++] ?? "");
}

/** Inline Markdown and HTML to plain text: links read as their text, emphasis and code marks dropped. */
export function stripInlineMarkdown(text: string): string {
  if (!/[[\]`<>&~*_]/.test(text)) return text;
  return text
    .replace(/!\[([^[\]\n]*)\]\([^()\n]*\)/g, "$1") // image: its alt text
    .replace(/\[([^[\]\n]+)\]\([^()\n]*\)/g, "$1") // link: its text
    .replace(/\[\^[^\]\s]+\]/g, "") // footnote reference
    .replace(/\[([^[\]\n]+)\]\[[^[\]\n]*\]/g, "$1") // reference link
    .replace(/<((?:https?|ftp):\/\/[^\s<>]+|[^\s<>@]+@[^\s<>@]+)>/g, "$1") // autolink
    .replace(/``([^`\n]+)``|`([^`\n]+)`/g, (_m, a: string | undefined, b: string | undefined) => a ?? b ?? "")
    .replace(/<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g, " ") // HTML tags
    .replace(/&(#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-z]{2,8});/g, (m, e: string) => decodeEntity(e) ?? m)
    .replace(/~~(?=\S)|(?<=\S)~~/g, "")
    .replace(/(?<![\p{L}\p{N}*_\\])[*_]{1,3}(?=[^\s*_])|(?<=[^\s*_])[*_]{1,3}(?![\p{L}\p{N}*_])/gu, "");
}

function decodeEntity(e: string): string | null {
  if (e.startsWith("#")) {
    const code = e[1] === "x" ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : null;
  }
  return ENTITIES[e] ?? null;
}
