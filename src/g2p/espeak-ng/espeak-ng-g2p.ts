// Spanish, French, Hindi, Italian and Brazilian Portuguese: espeak-ng's reading of each clause (between
// punctuation marks, so espeak sees words only and the marks Kokoro knows are kept where they were), mapped into
// Kokoro's symbols as misaki does. espeak-ng runs as one long-lived child process per language (process.ts).
import type { Lang } from "../../text/lang.js";
import { LANG_NAMES } from "../../text/lang.js";
import { splitOnPunctuation } from "../espeak-punctuation.js";
import { LanguageUnavailableError } from "../language-errors.js";
import { INLINE_PATTERN, parseInline } from "../misaki/inline.js";
import type { G2P, PhonemeToken } from "../types.js";
import { alignWords } from "./align.js";
import { ESPEAK_NG_INSTALL, findEspeakNg } from "./binary.js";
import { ipaToKokoro } from "./ipa-to-kokoro.js";
import { ESPEAK_NG_VOICES, isEspeakNgLang, type EspeakNgLang } from "./languages.js";
import { EspeakNgProcess, MAX_LINE_BYTES } from "./process.js";

export interface EspeakNgG2POptions {
  /** The espeak-ng executable; default: `espeak-ng` on PATH (looked up when a language is first used). */
  readonly binary?: string;
  /** Most ms one sentence may take in espeak-ng before its process is restarted. Default 10,000. */
  readonly timeoutMs?: number;
}

/** Punctuation in the Kokoro vocabulary, kept as is. */
const KOKORO_PUNCTUATION = new Set([...';:,.!?—…"()“”']);
/** Other marks, as misaki leaves them (« » become curly quotes; ¿ ¡ are not in the vocabulary). */
const SUBSTITUTES: Readonly<Record<string, string>> = { "«": "“", "»": "”", "[": "(", "]": ")", "{": "(", "}": ")" };

/** A word longer than this many characters is cut (espeak-ng would spell it out letter by letter anyway). */
const MAX_WORD_CHARS = 200;

export class EspeakNgG2P implements G2P {
  readonly name = "espeak-ng";
  private readonly processes = new Map<EspeakNgLang, EspeakNgProcess>();
  private binary: string | null | undefined;

  constructor(private readonly options: EspeakNgG2POptions = {}) {
    this.binary = options.binary;
  }

  async phonemize(text: string, lang: Lang): Promise<string> {
    const tokens = await this.tokens(text, lang);
    return tokens
      .map((t, i) => t.phonemes + (t.spaceAfter && i < tokens.length - 1 ? " " : ""))
      .join("")
      .trim();
  }

  async tokens(text: string, lang: Lang): Promise<PhonemeToken[]> {
    const process = this.process(lang);
    const segments = splitInline(text);
    // Every clause of the text in one round trip to espeak-ng.
    const lines: string[] = [];
    const plan: Array<PlannedPart> = [];
    for (const segment of segments) {
      if (typeof segment !== "string") {
        plan.push({ kind: "inline", token: segment });
        continue;
      }
      const parts = splitOnPunctuation(segment);
      parts.forEach((part, i) => {
        if (i % 2 === 1) return plan.push({ kind: "punct", run: part });
        for (const words of linesOf(part)) {
          plan.push({ kind: "words", words, line: lines.length });
          lines.push(words.join(" "));
        }
      });
    }
    // Words with digits also alone, in the same round trip: how many words espeak makes of each (for alignWords).
    const alone = new Map<string, number>();
    for (const part of plan) if (part.kind === "words") for (const w of part.words) if (/\p{N}/u.test(w) && !alone.has(w)) alone.set(w, lines.push(w) - 1);
    const outputs = lines.length === 0 ? [] : await process.phonemize(lines);
    const wordsOf = (line: number): string[] => ipaWords(outputs[line] ?? []);
    const tokens: PhonemeToken[] = [];
    for (const part of plan) {
      if (part.kind === "inline") tokens.push(part.token);
      else if (part.kind === "words") {
        const counts = part.words.map((w) => (alone.has(w) ? wordsOf(alone.get(w)!).length : 1));
        tokens.push(...alignWords(part.words, wordsOf(part.line), counts));
      } else addPunctuation(tokens, part.run);
    }
    const last = tokens.at(-1);
    if (last !== undefined && last.spaceAfter) tokens[tokens.length - 1] = { ...last, spaceAfter: false };
    return tokens;
  }

  /** Starts espeak-ng for these languages (loading each voice's dictionary) ahead of the first request. */
  async warmUp(langs: readonly EspeakNgLang[]): Promise<void> {
    await Promise.all(langs.map((lang) => this.process(lang).warmUp()));
  }

  /** espeak-ng children started so far, all languages (a crash or timeout makes the next request start one). */
  get processStarts(): number {
    let n = 0;
    for (const p of this.processes.values()) n += p.starts;
    return n;
  }

  async close(): Promise<void> {
    await Promise.all([...this.processes.values()].map((p) => p.close()));
    this.processes.clear();
  }

  private process(lang: Lang): EspeakNgProcess {
    if (!isEspeakNgLang(lang)) throw new Error(`EspeakNgG2P: ${lang} is not read with espeak-ng`);
    let process = this.processes.get(lang);
    if (process !== undefined) return process;
    if (this.binary === undefined) this.binary = findEspeakNg();
    if (this.binary === null) {
      throw new LanguageUnavailableError(lang, `${LANG_NAMES[lang]} (${lang}) is read with espeak-ng, which is not installed on the server: ${ESPEAK_NG_INSTALL}`);
    }
    process = new EspeakNgProcess({ binary: this.binary, voice: ESPEAK_NG_VOICES[lang], ...(this.options.timeoutMs === undefined ? {} : { timeoutMs: this.options.timeoutMs }) });
    this.processes.set(lang, process);
    return process;
  }
}

type PlannedPart =
  | { readonly kind: "inline"; readonly token: PhonemeToken }
  | { readonly kind: "words"; readonly words: readonly string[]; readonly line: number }
  | { readonly kind: "punct"; readonly run: string };

/** The text with its inline pronunciations (`[word](/phonemes/)`) as ready tokens; other links keep their text. */
function splitInline(text: string): Array<string | PhonemeToken> {
  const out: Array<string | PhonemeToken> = [];
  const all = new RegExp(INLINE_PATTERN.source, "gu");
  let last = 0;
  for (const match of text.matchAll(all)) {
    const inline = parseInline(match[0], match[1]!, match[2]!);
    out.push(text.slice(last, match.index));
    if (inline.phonemes === undefined) out.push(inline.text);
    else out.push({ text: inline.text, phonemes: inline.phonemes, kind: "word", spaceAfter: /^\s/u.test(text.slice(match.index + match[0].length)) });
    last = match.index + match[0].length;
  }
  out.push(text.slice(last));
  return out.filter((s) => s !== "");
}

/** A word piece's words, in lines espeak-ng takes whole (at most MAX_LINE_BYTES each). */
function linesOf(piece: string): string[][] {
  const words = piece
    .split(/\s+/u)
    .filter((w) => w !== "")
    .map((w) => ([...w].length > MAX_WORD_CHARS ? [...w].slice(0, MAX_WORD_CHARS).join("") : w));
  const lines: string[][] = [];
  let line: string[] = [];
  let bytes = 0;
  for (const word of words) {
    const size = Buffer.byteLength(word) + 1;
    if (line.length > 0 && bytes + size > MAX_LINE_BYTES) {
      lines.push(line);
      line = [];
      bytes = 0;
    }
    line.push(word);
    bytes += size;
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

function ipaWords(outputLines: readonly string[]): string[] {
  return ipaToKokoro(outputLines.join(" "))
    .split(" ")
    .filter((w) => w !== "");
}

/** A punctuation run as a token with the marks Kokoro knows; the word before it loses its space when it touches. */
function addPunctuation(tokens: PhonemeToken[], run: string): void {
  let phonemes = "";
  let lastKept = -1;
  for (let i = 0; i < run.length; i++) {
    const ch = run[i]!;
    const kept = KOKORO_PUNCTUATION.has(ch) ? ch : (SUBSTITUTES[ch] ?? "");
    phonemes += kept;
    if (kept !== "") lastKept = i;
  }
  const prev = tokens.at(-1);
  const touches = !/^\s/u.test(run);
  if (phonemes === "") {
    // Nothing to say (¿ ¡): the spacing around it still holds.
    if (prev !== undefined && touches && !/\s$/u.test(run)) tokens[tokens.length - 1] = { ...prev, spaceAfter: false };
    return;
  }
  if (prev !== undefined && touches && prev.spaceAfter) tokens[tokens.length - 1] = { ...prev, spaceAfter: false };
  tokens.push({ text: run.slice(0, lastKept + 1).trim(), phonemes, kind: "punct", spaceAfter: /\s/u.test(run.slice(lastKept + 1)) });
}
