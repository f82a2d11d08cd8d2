// misaki's gold and silver lexicons for one dialect: parsed once, grown with case variants, and
// POS entries resolved by tag (reference §5.2–5.3).
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { EnglishLang } from "../../text/lang.js";

/** A POS entry: tag (`NOUN`, `VBD`, `DEFAULT`, `None`...) → phonemes, or null = spell the word. */
export type PosEntry = Readonly<Record<string, string | null>>;
export type Entry = string | PosEntry;

export const LEXICON_FILES: Readonly<Record<EnglishLang, { gold: string; silver: string }>> = {
  "en-us": { gold: "us_gold.json", silver: "us_silver.json" },
  "en-gb": { gold: "gb_gold.json", silver: "gb_silver.json" },
};

export interface LexiconOptions {
  /** Words (compared lowercased) to leave out of both lexicons, e.g. a held-back test sample. */
  readonly exclude?: (lowercaseWord: string) => boolean;
}

/** One parsed lexicon file: the JSON object itself (own keys only), read lazily and validated on use. */
type RawLexicon = Readonly<Record<string, unknown>>;

export class Lexicon {
  private sizes: { gold: number; silver: number } | undefined;

  constructor(
    readonly lang: EnglishLang,
    private readonly goldEntries: RawLexicon,
    private readonly silverEntries: RawLexicon,
    private readonly options: LexiconOptions = {},
  ) {}

  /** Builds a lexicon from the parsed JSON objects of the two files. */
  static fromJson(lang: EnglishLang, gold: unknown, silver: unknown, options: LexiconOptions = {}): Lexicon {
    return new Lexicon(lang, asObject(gold), asObject(silver), options);
  }

  static async load(dir: string, lang: EnglishLang, options: LexiconOptions = {}): Promise<Lexicon> {
    const files = LEXICON_FILES[lang];
    const [gold, silver] = await Promise.all([files.gold, files.silver].map((f) => readJson(path.join(dir, f))));
    return Lexicon.fromJson(lang, gold, silver, options);
  }

  gold(word: string): Entry | undefined {
    return this.find(this.goldEntries, word);
  }

  silver(word: string): Entry | undefined {
    return this.find(this.silverEntries, word);
  }

  has(word: string): boolean {
    return this.gold(word) !== undefined || this.silver(word) !== undefined;
  }

  /** Keys in each file (before case variants). */
  get size(): { gold: number; silver: number } {
    this.sizes ??= { gold: Object.keys(this.goldEntries).length, silver: Object.keys(this.silverEntries).length };
    return this.sizes;
  }

  /**
   * misaki's `grow_dictionary`, done at lookup instead of load (parsing is slow enough): a lowercase
   * key also answers Capitalized, a Capitalized key also answers lowercase, for keys of two or more
   * letters, and a key present as written always wins.
   */
  private find(entries: RawLexicon, word: string): Entry | undefined {
    if (this.options.exclude?.(word.toLowerCase()) === true) return undefined;
    const exact = entryOf(entries, word);
    if (exact !== undefined || word.length < 2) return exact;
    const lower = word.toLowerCase();
    if (word === lower) {
      const cap = capitalize(word);
      return cap === word ? undefined : entryOf(entries, cap);
    }
    return word === capitalize(lower) ? entryOf(entries, lower) : undefined;
  }
}

function entryOf(entries: RawLexicon, key: string): Entry | undefined {
  if (!Object.hasOwn(entries, key)) return undefined;
  const value = entries[key];
  return typeof value === "string" || isPosEntry(value) ? value : undefined;
}

function asObject(json: unknown): RawLexicon {
  if (json === null || typeof json !== "object" || Array.isArray(json)) throw new Error("misaki lexicon is not a JSON object");
  return json as RawLexicon;
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as unknown;
  } catch (error) {
    throw new Error(`cannot read misaki lexicon ${file}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

function isPosEntry(value: unknown): value is PosEntry {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return typeof record["DEFAULT"] === "string" && Object.values(record).every((v) => v === null || typeof v === "string");
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();

// VB.. → VERB, NN.. → NOUN, RB.. or RP → ADV, JJ.. → ADJ (misaki's `get_parent_tag`).
export function parentTag(tag: string): string {
  if (tag.startsWith("VB")) return "VERB";
  if (tag.startsWith("NN")) return "NOUN";
  if (tag.startsWith("RB") || tag === "RP" || tag.startsWith("ADV")) return "ADV";
  if (tag.startsWith("JJ") || tag.startsWith("ADJ")) return "ADJ";
  return tag;
}

/**
 * Resolves a POS entry: the `None` form when nothing follows, else exact tag, parent tag, DEFAULT.
 * null means "spell it" (e.g. `US` as a noun).
 */
export function resolvePos(entry: PosEntry, tag: string, nothingFollows: boolean): string | null {
  // Own keys only: a tag must never find Object.prototype members.
  if (nothingFollows && Object.hasOwn(entry, "None")) return entry["None"] ?? null;
  const key = Object.hasOwn(entry, tag) ? tag : parentTag(tag);
  return Object.hasOwn(entry, key) ? (entry[key] ?? null) : (entry["DEFAULT"] ?? null);
}

/** Loads each dialect's lexicon once, on first use. */
export class LexiconStore {
  private readonly loading = new Map<EnglishLang, Promise<Lexicon>>();
  private readonly ready = new Map<EnglishLang, Lexicon>();

  constructor(
    private readonly dir: string,
    private readonly options: LexiconOptions = {},
  ) {}

  get(lang: EnglishLang): Promise<Lexicon> {
    let pending = this.loading.get(lang);
    if (pending === undefined) {
      pending = Lexicon.load(this.dir, lang, this.options).then((lexicon) => {
        this.ready.set(lang, lexicon);
        return lexicon;
      });
      // A failed load is retried on the next call rather than cached.
      pending.catch(() => this.loading.delete(lang));
      this.loading.set(lang, pending);
    }
    return pending;
  }

  /** The lexicon if it has finished loading. */
  loaded(lang: EnglishLang): Lexicon | undefined {
    return this.ready.get(lang);
  }
}
