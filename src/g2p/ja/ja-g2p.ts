// Japanese as Kokoro v1.0 was trained on it (misaki's JAG2P without a version: its cutlet front-end): NFKC,
// numbers read in kana, morphemes and their pronunciations from a dictionary analyser (misaki: MeCab with UniDic;
// here kuromoji with IPADIC), each word's kana → phonemes (kana.ts), words separated by spaces, Kokoro's marks
// for the punctuation. Inflections (ます, た, ない), suffixes (さん, 人) and て join the word they follow, so a
// word here is what a reader hears as one (and what word timings and the planner treat as one).
import type { Lang } from "../../text/lang.js";
import { kokoroPunctuation, spaceTokens, splitInlinePronunciations, type RawToken } from "../cjk-tokens.js";
import type { G2P, PhonemeToken } from "../types.js";
import { isKana, kanaToPhonemes, toHiragana } from "./kana.js";
import { COUNTER_PATTERN, countToKana, JA_NUMBER } from "./numbers.js";
import { loadJaTokenizer, MAX_PIECE, type JaTokenizer, type Morpheme } from "./tokenizer.js";

export interface JaG2POptions {
  /** Reads Latin-script words inside Japanese text (an English G2P); without it they are left out. */
  readonly latin?: G2P;
}

export class JaG2P implements G2P {
  readonly name = "ja";

  constructor(private readonly options: JaG2POptions = {}) {}

  async phonemize(text: string, _lang?: Lang): Promise<string> {
    const tokens = await this.tokens(text);
    return tokens.map((t) => t.phonemes + (t.spaceAfter ? " " : "")).join("");
  }

  async tokens(text: string): Promise<PhonemeToken[]> {
    const tokenize = await loadJaTokenizer();
    const raw: RawToken[] = [];
    const runs = splitInlinePronunciations(text).flatMap((part): Run[] => (typeof part === "string" ? splitRuns(part.normalize("NFKC")) : [{ kind: "inline", text: part.text, token: part }]));
    for (const run of runs) {
      if (run.kind === "inline") raw.push(run.token!);
      else if (run.kind === "number") raw.push({ text: run.text, phonemes: kanaToPhonemes(countToKana(run.text.slice(0, run.text.length - (run.counter ?? "").length), run.counter ?? "")), kind: "word" });
      else if (run.kind === "latin") raw.push(...(await this.latinWords(run.text)));
      else raw.push(...japaneseWords(tokenize, run.text));
    }
    return joinSokuon(spaceTokens(raw));
  }

  /** Loads the dictionary (about 2 s the first time in a process). */
  async warmUp(): Promise<void> {
    await loadJaTokenizer();
  }

  async close(): Promise<void> {}

  private async latinWords(piece: string): Promise<RawToken[]> {
    const latin = this.options.latin;
    if (latin === undefined) return [];
    const tokens = await latin.tokens(piece, "en-us");
    return tokens.filter((t) => t.kind === "word").map((t) => ({ text: t.text, phonemes: t.phonemes, kind: "word" as const }));
  }
}

interface Run {
  readonly kind: "number" | "latin" | "japanese" | "inline";
  readonly text: string;
  /** For an inline pronunciation: its ready token. */
  readonly token?: RawToken;
  /** For a number: the counter that follows it, read with it (3月 さんがつ). */
  readonly counter?: string;
}

/** Numbers, Latin words and the Japanese between them; Japanese in pieces kuromoji reads in linear time. */
function splitRuns(text: string): Run[] {
  const out: Run[] = [];
  const pattern = new RegExp(`(${JA_NUMBER.source})|([\\p{Script=Latin}'’-]+(?:\\s+[\\p{Script=Latin}'’-]+)*)`, "gu");
  let last = 0;
  const japanese = (s: string): void => {
    for (const piece of pieces(s)) out.push({ kind: "japanese", text: piece });
  };
  for (const m of text.matchAll(pattern)) {
    japanese(text.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[1] === undefined) {
      out.push({ kind: "latin", text: m[0] });
      continue;
    }
    const counter = COUNTER_PATTERN.exec(text.slice(last))?.[0] ?? "";
    out.push({ kind: "number", text: m[0] + counter, ...(counter === "" ? {} : { counter }) });
    last += counter.length;
  }
  japanese(text.slice(last));
  return out;
}

/** Text cut after punctuation or spaces into pieces of at most MAX_PIECE characters (a longer unbroken run is cut). */
function pieces(text: string): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > MAX_PIECE) {
    const window = rest.slice(0, MAX_PIECE);
    let cut = -1;
    for (let i = window.length - 1; i > 0 && cut < 0; i--) if (/[\s.,!?;:、。！？…—]/u.test(window[i]!)) cut = i + 1;
    if (cut <= 0) cut = /[\uD800-\uDBFF]/u.test(window.at(-1)!) ? MAX_PIECE - 1 : MAX_PIECE;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest !== "") out.push(rest);
  return out;
}

/** Morphemes that belong to the word before them: inflections, suffixes, dependent verbs, the て of て-forms. */
function joinsPrevious(m: Morpheme): boolean {
  return m.pos === "助動詞" || m.posDetail === "接尾" || (m.pos === "動詞" && m.posDetail === "非自立") || (m.pos === "助詞" && m.posDetail === "接続助詞" && (m.surface === "て" || m.surface === "で"));
}

function japaneseWords(tokenize: JaTokenizer, text: string): RawToken[] {
  const out: RawToken[] = [];
  for (const m of tokenize(text)) {
    if (m.pos === "記号" || /^[\s\p{P}\p{S}]+$/u.test(m.surface)) {
      for (const ch of m.surface) {
        const mark = kokoroPunctuation(ch);
        if (mark !== undefined) out.push({ text: ch, phonemes: mark, kind: "punct" });
      }
      continue;
    }
    const prev = out.at(-1);
    // The volitional う after an o (ましょう, でしょう) lengthens it, as UniDic's pronunciation writes it (ー).
    const lengthens = m.pos === "助動詞" && m.surface === "う" && prev?.phonemes.endsWith("o") === true;
    const phonemes = lengthens ? "ː" : kanaToPhonemes(readingOf(m));
    if (prev !== undefined && prev.kind === "word" && joinsPrevious(m)) out[out.length - 1] = { text: prev.text + m.surface, phonemes: prev.phonemes + phonemes, kind: "word" };
    else out.push({ text: m.surface, phonemes, kind: "word" });
  }
  return out;
}

/** The pronunciation kuromoji knows, else the surface when it is kana (an unknown kanji word is not read). */
function readingOf(m: Morpheme): string {
  if (m.pronunciation !== undefined && m.pronunciation !== "*") return m.pronunciation;
  const kana = toHiragana(m.surface);
  return [...kana].every(isKana) ? kana : [...kana].filter(isKana).join("");
}

/** As misaki: no space around a word-final or word-initial ʔ (a sokuon at a word boundary binds the two words). */
function joinSokuon(tokens: PhonemeToken[]): PhonemeToken[] {
  return tokens.map((t, i) => {
    const next = tokens[i + 1];
    if (!t.spaceAfter || next === undefined || t.kind !== "word" || next.kind !== "word") return t;
    return t.phonemes.endsWith("ʔ") || next.phonemes.startsWith("ʔ") ? { ...t, spaceAfter: false } : t;
  });
}
