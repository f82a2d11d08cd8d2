// Tokens of the languages written without spaces (ja, zh): words and Kokoro's punctuation marks, spaced the way
// misaki's front-ends space them (a space between words, after a closing or stopping mark, before an opening one).
import { INLINE_PATTERN, parseInline } from "./misaki/inline.js";
import type { PhonemeToken } from "./types.js";

/** Kokoro's punctuation, and what other marks become (misaki maps brackets and guillemets to curly quotes). */
const PUNCTUATION: Readonly<Record<string, string>> = {
  ".": ".", ",": ",", "!": "!", "?": "?", ":": ":", ";": ";", "—": "—", "…": "…", "(": "(", ")": ")", "“": "“", "”": "”", '"': '"',
  "「": "“", "」": "”", "『": "“", "』": "”", "《": "“", "》": "”", "【": "“", "】": "”", "«": "“", "»": "”",
  "。": ".", "、": ",", "，": ",", "！": "!", "？": "?", "：": ":", "；": ";", "（": "(", "）": ")", "～": "—", "〜": "—",
};
const OPENING = new Set(["(", "“"]);

/** Kokoro's mark for a punctuation character, or undefined when it has none (it is then not spoken). */
export function kokoroPunctuation(ch: string): string | undefined {
  return PUNCTUATION[ch];
}

export interface RawToken {
  readonly text: string;
  readonly phonemes: string;
  readonly kind: "word" | "punct";
}

/** The tokens with misaki's spacing; empty words are dropped. */
export function spaceTokens(raw: readonly RawToken[]): PhonemeToken[] {
  const kept = raw.filter((t) => t.phonemes !== "");
  return kept.map((t, i) => {
    const next = kept[i + 1];
    if (next === undefined) return { ...t, spaceAfter: false };
    const opening = t.kind === "punct" && OPENING.has(t.phonemes.at(-1)!);
    const nextCloses = next.kind === "punct" && !OPENING.has(next.phonemes[0]!);
    return { ...t, spaceAfter: !opening && !nextCloses };
  });
}

/**
 * The text around its inline pronunciations (`[東京](/toːkʲoː/)`): plain strings to read, and ready word tokens for
 * the pronunciations; a link without phonemes keeps its text.
 */
export function splitInlinePronunciations(text: string): Array<string | RawToken> {
  const out: Array<string | RawToken> = [];
  let last = 0;
  for (const match of text.matchAll(new RegExp(INLINE_PATTERN.source, "gu"))) {
    const inline = parseInline(match[0], match[1]!, match[2]!);
    out.push(text.slice(last, match.index));
    out.push(inline.phonemes === undefined ? inline.text : { text: inline.text, phonemes: inline.phonemes, kind: "word" });
    last = match.index + match[0].length;
  }
  out.push(text.slice(last));
  return out.filter((s) => s !== "");
}
