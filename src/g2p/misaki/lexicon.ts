// misaki's gold and silver lexicons for one dialect: parsed once and packed (lexicon-table.ts), grown
// with case variants, and POS entries resolved by tag (reference §5.2–5.3).
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { EnglishLang } from "../../text/lang.js";
import { LexiconTable, type Entry, type PosEntry } from "./lexicon-table.js";

export type { Entry, PosEntry } from "./lexicon-table.js";

export const LEXICON_FILES: Readonly<Record<EnglishLang, { gold: string; silver: string }>> = {
  "en-us": { gold: "us_gold.json", silver: "us_silver.json" },
  "en-gb": { gold: "gb_gold.json", silver: "gb_silver.json" },
};

export interface LexiconOptions {
  /** Words (compared lowercased) to leave out of both lexicons, e.g. a held-back test sample. */
  readonly exclude?: (lowercaseWord: string) => boolean;
}

export class Lexicon {
  /** Keys in each file (before case variants), valid entries or not. */
  readonly size: { readonly gold: number; readonly silver: number };

  private constructor(
    readonly lang: EnglishLang,
    private readonly goldEntries: LexiconTable,
    private readonly silverEntries: LexiconTable,
    private readonly options: LexiconOptions = {},
  ) {
    this.size = Object.freeze({ gold: goldEntries.size, silver: silverEntries.size });
  }

  /** Builds a lexicon from the parsed JSON objects of the two files (packed: the objects are not kept). */
  static fromJson(lang: EnglishLang, gold: unknown, silver: unknown, options: LexiconOptions = {}): Lexicon {
    return new Lexicon(lang, LexiconTable.fromObject(asObject(gold)), LexiconTable.fromObject(asObject(silver)), options);
  }

  static async load(dir: string, lang: EnglishLang, options: LexiconOptions = {}): Promise<Lexicon> {
    const files = LEXICON_FILES[lang];
    const [gold, silver] = await Promise.all([readTable(path.join(dir, files.gold)), readTable(path.join(dir, files.silver))]);
    return new Lexicon(lang, gold, silver, options);
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

  /**
   * misaki's `grow_dictionary`, done at lookup instead of load (parsing is slow enough): a lowercase
   * key also answers Capitalized, a Capitalized key also answers lowercase, for keys of two or more
   * letters, and a key present as written always wins.
   */
  private find(entries: LexiconTable, word: string): Entry | undefined {
    if (this.options.exclude?.(word.toLowerCase()) === true) return undefined;
    const exact = entries.get(word);
    if (exact !== undefined || word.length < 2) return exact;
    const lower = word.toLowerCase();
    if (word === lower) {
      const cap = capitalize(word);
      return cap === word ? undefined : entries.get(cap);
    }
    return word === capitalize(lower) ? entries.get(lower) : undefined;
  }
}

function asObject(json: unknown): Readonly<Record<string, unknown>> {
  if (json === null || typeof json !== "object" || Array.isArray(json)) throw new Error("misaki lexicon is not a JSON object");
  return json as Readonly<Record<string, unknown>>;
}

/** One file, read member by member; JSON.parse is only the fallback that reports what is wrong with it. */
async function readTable(file: string): Promise<LexiconTable> {
  let json: unknown;
  try {
    const text = await readFile(file, "utf8");
    const table = LexiconTable.fromText(text);
    if (table !== undefined) return table;
    json = JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`cannot read misaki lexicon ${file}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return LexiconTable.fromObject(asObject(json));
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
