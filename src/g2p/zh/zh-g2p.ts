// Mandarin as Kokoro v1.0 was trained on it (misaki's ZHG2P without a version: its "legacy" path): numbers as
// Chinese numerals, words by a dictionary segmenter (misaki: jieba; here ICU's, via Intl.Segmenter), each
// character's pinyin with its tone in the context of its word (misaki: pypinyin; here pinyin-pro, which resolves
// polyphones from word patterns), pinyin → IPA → tone arrows, words separated by spaces.
// Tone sandhi: none is written, as in misaki v1.0 (the model learned the sandhi of 3-3, 一 and 不 from the audio
// it was trained on, whose labels had citation tones); neutral tones (们, 的, 吗) carry no arrow.
import { pinyin } from "pinyin-pro";
import type { Lang } from "../../text/lang.js";
import { kokoroPunctuation, spaceTokens, splitInlinePronunciations, type RawToken } from "../cjk-tokens.js";
import type { G2P, PhonemeToken } from "../types.js";
import { readNumbersChinese } from "./numbers.js";
import { pinyinToKokoro } from "./pinyin-to-ipa.js";

const HAN = /\p{Script=Han}/u;
/** Runs pinyin-pro reads at once: long enough for any word's context, short enough to keep the cost linear. */
const MAX_RUN = 64;

export interface ZhG2POptions {
  /** Reads Latin-script words inside Chinese text (an English G2P); without it they are left out. */
  readonly latin?: G2P;
}

export class ZhG2P implements G2P {
  readonly name = "zh";
  private readonly segmenter = new Intl.Segmenter("zh", { granularity: "word" });

  constructor(private readonly options: ZhG2POptions = {}) {}

  async phonemize(text: string, _lang?: Lang): Promise<string> {
    const tokens = await this.tokens(text);
    return tokens.map((t) => t.phonemes + (t.spaceAfter ? " " : "")).join("");
  }

  async tokens(text: string): Promise<PhonemeToken[]> {
    const raw: RawToken[] = [];
    for (const part of splitInlinePronunciations(text)) {
      if (typeof part !== "string") {
        raw.push(part);
        continue;
      }
      for (const piece of splitRuns(readNumbersChinese(part.normalize("NFKC")))) {
        if (HAN.test(piece)) raw.push(...this.hanWords(piece));
        else if (/\p{Script=Latin}/u.test(piece)) raw.push(...(await this.latinWords(piece)));
        else for (const ch of piece) pushMark(raw, ch);
      }
    }
    return spaceTokens(raw);
  }

  /** Nothing to load: pinyin-pro's dictionary is part of the module. */
  async warmUp(): Promise<void> {
    this.hanWords("你好");
  }

  async close(): Promise<void> {}

  private hanWords(run: string): RawToken[] {
    const syllables = pinyin(run, { toneType: "num", type: "array", toneSandhi: false, nonZh: "consecutive" });
    const chars = [...run];
    const out: RawToken[] = [];
    let k = 0;
    for (const { segment } of this.segmenter.segment(run)) {
      const n = [...segment].length;
      let phonemes = "";
      for (let i = k; i < k + n; i++) phonemes += HAN.test(chars[i]!) ? (pinyinToKokoro(syllables[i] ?? "") ?? "") : "";
      out.push({ text: segment, phonemes, kind: "word" });
      k += n;
    }
    return out;
  }

  private async latinWords(piece: string): Promise<RawToken[]> {
    const latin = this.options.latin;
    if (latin === undefined) return [];
    const tokens = await latin.tokens(piece, "en-us");
    return tokens.filter((t) => t.kind === "word").map((t) => ({ text: t.text, phonemes: t.phonemes, kind: "word" as const }));
  }
}

function pushMark(raw: RawToken[], ch: string): void {
  const mark = kokoroPunctuation(ch);
  if (mark !== undefined) raw.push({ text: ch, phonemes: mark, kind: "punct" });
}

/**
 * The text as runs of one kind: Han characters (at most MAX_RUN, so the pinyin lookup stays linear), Latin words
 * with their spaces, and single other characters (punctuation, spaces, symbols).
 */
export function splitRuns(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\p{Script=Han}+|[\p{Script=Latin}\p{M}'’-]+(?:\s+[\p{Script=Latin}\p{M}'’-]+)*|[^]/gu)) {
    const run = m[0];
    if (!HAN.test(run)) out.push(run);
    else for (let i = 0; i < run.length; i += MAX_RUN) out.push(run.slice(i, i + MAX_RUN));
  }
  return out;
}
