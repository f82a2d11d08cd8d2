// misaki-compatible English G2P: tokenize, tag, then look words up right to left (so each word knows
// whether a vowel follows), with espeak-ng for the words no lexicon or rule knows.
import type { G2P, PhonemeToken } from "../types.js";
import { ENGLISH_LANGS, isEnglish, type EnglishLang, type Lang } from "../../text/lang.js";
import { MAX_WORD_CHARS, resolveParts, subtokens } from "./compound.js";
import { Fallback, type FallbackEngine } from "./fallback.js";
import { LexiconStore, type Lexicon } from "./lexicon.js";
import { WordLookup } from "./lookup.js";
import { END_OF_TEXT, type Context } from "./morphology.js";
import { tagTokens } from "./pos.js";
import { CONSONANTS, NON_QUOTE_PUNCTUATION, VOWELS } from "./symbols.js";
import { tokenize, type RawToken } from "./tokenize.js";
import type { UserLexicon } from "./user-lexicon.js";

/** The fallback engine plus the start-up and shutdown it may need (EspeakG2P fits). */
export interface MisakiFallback extends FallbackEngine {
  warmUp?(langs?: readonly EnglishLang[]): Promise<void>;
  close(): Promise<void>;
}

export interface MisakiG2POptions {
  /** Where the lexicons come from: a directory holding us_gold.json... or a ready store. */
  readonly lexicons: LexiconStore | string;
  /** Unknown words; without one they are spelled when they can be, otherwise left silent. */
  readonly fallback?: MisakiFallback;
  readonly userLexicon?: UserLexicon;
}

/** What `tokens()` did, for tests and benchmarks. */
export interface MisakiStats {
  readonly fallbackWords: number;
}

interface Pass {
  readonly tokens: PhonemeToken[];
  readonly unknown: Set<string>;
}

const WARM_UP_SENTENCE =
  "The quick brown fox didn't jump over the lazy dogs; instead, it walked slowly home, reading two books and singing.";

export class MisakiG2P implements G2P {
  readonly name = "misaki";
  private readonly store: LexiconStore;
  private readonly fallback: Fallback | undefined;
  private fallbackWords = 0;

  constructor(private readonly options: MisakiG2POptions) {
    this.store = typeof options.lexicons === "string" ? new LexiconStore(options.lexicons) : options.lexicons;
    this.fallback = options.fallback === undefined ? undefined : new Fallback(options.fallback);
  }

  async phonemize(text: string, lang: Lang): Promise<string> {
    return joinTokens(await this.tokens(text, lang));
  }

  async tokens(text: string, lang: Lang): Promise<PhonemeToken[]> {
    if (!isEnglish(lang)) throw new Error(`MisakiG2P: unsupported language ${JSON.stringify(lang)}`);
    const raw = tokenize(text); // throws InvalidPhonemesError before any other work
    if (raw.length === 0) return [];
    const lexicon = this.store.loaded(lang) ?? (await this.store.get(lang));
    const user = this.options.userLexicon === undefined ? undefined : await this.options.userLexicon.entries(lang);
    const lookup = new WordLookup(lexicon, user);
    const tags = tagTokens(raw, posKeysOf(lexicon));
    let pass = resolve(raw, tags, lookup, new Map());
    if (pass.unknown.size > 0) {
      this.fallbackWords += pass.unknown.size;
      const found = this.fallback === undefined ? new Map<string, string | undefined>() : await this.fallback.words(pass.unknown, lang);
      pass = resolve(raw, tags, lookup, found);
    }
    return finish(pass.tokens);
  }

  /** Loads both lexicons and the user lexicon, and starts espeak, so the first request is fast. */
  /** Loads the lexicons of `langs` (default: both dialects; each is ~0.4 s of JSON parsing), the fallback and the user lexicon. */
  async warmUp(langs: readonly EnglishLang[] = ENGLISH_LANGS): Promise<void> {
    await Promise.all([
      ...langs.map((lang) => this.store.get(lang)),
      this.options.fallback?.warmUp?.(),
      this.options.userLexicon?.load(),
    ]);
    // Run the lookup code a few times so the JIT has compiled it before the first request (a cold first
    // sentence takes ~8 ms, a warm one ~0.3 ms). The sentence uses only lexicon words: no espeak call.
    for (const lang of langs) for (let i = 0; i < 5; i++) await this.tokens(WARM_UP_SENTENCE, lang);
  }

  stats(): MisakiStats {
    return { fallbackWords: this.fallbackWords };
  }

  async close(): Promise<void> {
    this.options.userLexicon?.close();
    await this.options.fallback?.close();
  }
}

/** The tags each POS entry distinguishes, for the tagger. */
function posKeysOf(lexicon: Lexicon): (word: string) => readonly string[] | undefined {
  return (word) => {
    const entry = lexicon.gold(word);
    return entry !== undefined && typeof entry === "object" ? Object.keys(entry) : undefined;
  };
}

/** misaki's `token_context`: the first symbol that is a vowel, a consonant or a pause decides. */
function contextBefore(ctx: Context, phonemes: string, text: string, tag: string): Context {
  let futureVowel = ctx.futureVowel;
  for (const ch of phonemes) {
    if (NON_QUOTE_PUNCTUATION.has(ch)) {
      futureVowel = null;
      break;
    }
    if (VOWELS.has(ch) || CONSONANTS.has(ch)) {
      futureVowel = VOWELS.has(ch);
      break;
    }
  }
  const futureTo = text === "to" || text === "To" || (text === "TO" && (tag === "TO" || tag === "IN"));
  return { futureVowel, futureTo };
}

/** One right-to-left pass; words nobody knows are collected in `unknown` for the fallback. */
function resolve(raw: readonly RawToken[], tags: readonly string[], lookup: WordLookup, fallback: ReadonlyMap<string, string | undefined>): Pass {
  const unknown = new Set<string>();
  const out: PhonemeToken[] = new Array<PhonemeToken>(raw.length);
  let ctx = END_OF_TEXT;
  for (let i = raw.length - 1; i >= 0; i--) {
    const token = raw[i];
    if (token === undefined) continue;
    const tag = tags[i] ?? "";
    let phonemes: string;
    if (token.kind === "punct") {
      phonemes = token.punct;
    } else if (token.inline?.phonemes !== undefined) {
      phonemes = token.inline.phonemes;
    } else {
      const say = (word: string): string => {
        if (fallback.has(word)) return fallback.get(word) ?? lookup.spell(word) ?? "";
        unknown.add(word);
        return "";
      };
      phonemes = wordPhonemes(token.text, tag, ctx, lookup, token.inline?.stress, say) ?? say(token.text);
    }
    out[i] = { text: token.text, phonemes, kind: token.kind, spaceAfter: token.spaceAfter };
    ctx = contextBefore(ctx, phonemes, token.text, tag);
  }
  return { tokens: out, unknown };
}

/** In a word past MAX_WORD_CHARS, spans of a few parts are enough ("well-known", "o'clock-ish"), and cheaper. */
const LONG_WORD_SPAN_PARTS = 4;

/** A word's phonemes, or undefined when the lexicons and rules do not know it; `say` reads unknown pieces of long words. */
function wordPhonemes(
  text: string,
  tag: string,
  ctx: Context,
  lookup: WordLookup,
  stress: number | undefined,
  say: (word: string) => string,
): string | undefined {
  const parts = subtokens(text);
  if (text.length > MAX_WORD_CHARS) {
    const unknownPart = (part: string): string =>
      part.length <= MAX_WORD_CHARS ? say(part) : (lookup.spell(part) ?? piecesOf(part, MAX_WORD_CHARS).map(say).filter((p) => p !== "").join(" "));
    return resolveParts(
      parts,
      ctx,
      (span, c) => lookup.word(span, tag, c, stress),
      (c, ps, span) => contextBefore(c, ps, span, tag),
      { unknown: unknownPart, spaced: true, maxParts: LONG_WORD_SPAN_PARTS },
    );
  }
  if (parts.length <= 1) return lookup.word(text, tag, ctx, stress);
  const whole = lookup.word(text, tag, ctx, stress);
  if (whole !== undefined) return whole;
  return resolveParts(
    parts,
    ctx,
    (span, c) => lookup.word(span, tag, c, stress),
    (c, ps, span) => contextBefore(c, ps, span, tag),
  );
}

/** `text` cut into pieces of at most `size` UTF-16 units, never inside a surrogate pair. */
function piecesOf(text: string, size: number): string[] {
  const out: string[] = [];
  let piece = "";
  for (const ch of text) {
    if (piece.length + ch.length > size) {
      out.push(piece);
      piece = "";
    }
    piece += ch;
  }
  if (piece !== "") out.push(piece);
  return out;
}

/**
 * Kokoro v1.0 was trained on misaki output with the flap written `T` and the glottal stop `t`;
 * tokens without phonemes give their following space to the token before them.
 */
function finish(tokens: readonly PhonemeToken[]): PhonemeToken[] {
  const out: PhonemeToken[] = [];
  tokens.forEach((token, i) => {
    const phonemes = token.phonemes.replaceAll("ɾ", "T").replaceAll("ʔ", "t");
    if (phonemes !== "") {
      out.push({ ...token, phonemes });
      return;
    }
    // A silent token: words on both sides stay apart; before a mark, keep a space only if both had one.
    const prev = out.at(-1);
    if (prev !== undefined) {
      const next = tokens[i + 1];
      const space =
        next === undefined || next.kind === "punct"
          ? prev.spaceAfter && token.spaceAfter
          : prev.kind === "word" || prev.spaceAfter || token.spaceAfter;
      out[out.length - 1] = { ...prev, spaceAfter: space };
    }
    out.push({ ...token, phonemes, spaceAfter: false });
  });
  return out;
}

/** Tokens → one phoneme string: single spaces between words, none at the ends. */
export function joinTokens(tokens: readonly PhonemeToken[]): string {
  let out = "";
  for (const token of tokens) out += token.phonemes + (token.spaceAfter ? " " : "");
  return out.replace(/ {2,}/gu, " ").trim();
}
