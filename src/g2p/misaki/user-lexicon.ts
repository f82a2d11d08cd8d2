// The user's own pronunciations: a JSON file, checked when used and reloaded when it changes.
//
// Format: `{ "en-us": { "word": "phonemes", ... }, "en-gb": { ... } }`; an "en" section applies to
// both dialects (a dialect's own section wins). A flat `{ "word": "phonemes" }` also means both.
// Words match as written, then lowercased. Phonemes must use Kokoro vocabulary symbols only.
import { stat, readFile } from "node:fs/promises";
import { ENGLISH_LANGS, type EnglishLang } from "../../text/lang.js";
import { firstInvalidSymbol } from "./inline.js";
import { InvalidPhonemesError } from "./errors.js";

export type UserEntriesByLang = Readonly<Record<EnglishLang, ReadonlyMap<string, string>>>;

const EMPTY: UserEntriesByLang = { "en-us": new Map(), "en-gb": new Map() };
const SECTIONS = new Set(["en", ...ENGLISH_LANGS]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function section(source: string, name: string, value: unknown): Map<string, string> {
  if (!isRecord(value)) throw new Error(`${source}: section "${name}" must be an object of word → phonemes`);
  const out = new Map<string, string>();
  for (const [word, phonemes] of Object.entries(value)) {
    if (typeof phonemes !== "string") throw new Error(`${source}: phonemes of "${word}" must be a string`);
    if (word.trim() === "" || /\s/u.test(word)) throw new Error(`${source}: "${word}" must be one word without spaces`);
    const bad = firstInvalidSymbol(phonemes);
    if (bad !== undefined) {
      throw new InvalidPhonemesError(`${source}: invalid phoneme symbol '${bad}' in "${word}" (${name})`, bad);
    }
    out.set(word, phonemes);
  }
  // Lowercase keys answer for themselves; "Kokoro" also answers "kokoro" unless given.
  for (const [word, phonemes] of [...out]) if (!out.has(word.toLowerCase())) out.set(word.toLowerCase(), phonemes);
  return out;
}

/** Validates a parsed user lexicon; throws with the file, word and symbol at fault. */
export function parseUserLexicon(json: unknown, source = "user lexicon"): UserEntriesByLang {
  if (!isRecord(json)) throw new Error(`${source}: expected a JSON object`);
  const values = Object.entries(json);
  const sectioned = values.length > 0 && values.every(([k, v]) => SECTIONS.has(k) && isRecord(v));
  if (!sectioned) {
    const both = section(source, "en", json);
    return { "en-us": both, "en-gb": both };
  }
  const shared = json["en"] === undefined ? new Map<string, string>() : section(source, "en", json["en"]);
  const result: Record<EnglishLang, ReadonlyMap<string, string>> = { "en-us": shared, "en-gb": shared };
  for (const lang of ENGLISH_LANGS) {
    if (json[lang] !== undefined) result[lang] = new Map([...shared, ...section(source, lang, json[lang])]);
  }
  return result;
}

/**
 * A user lexicon file. Every `entries()` call stats the file (cheap) and reloads it when its
 * modification time, size or inode changed, which also catches editors that replace the file. A
 * reload that fails keeps the last good entries and records the error in `lastError`.
 */
export class UserLexicon {
  private current: UserEntriesByLang = EMPTY;
  private signature: string | undefined;
  private reloading: Promise<void> | undefined;
  private error: Error | undefined;
  private loadedOnce = false;
  private closed = false;

  constructor(readonly path: string) {}

  /** Loads the file now; throws when it is missing or invalid (for start-up checks). */
  async load(): Promise<void> {
    await this.refresh();
    if (this.error !== undefined) throw this.error;
  }

  async entries(lang: EnglishLang): Promise<ReadonlyMap<string, string>> {
    if (!this.closed) await this.refresh();
    return this.current[lang];
  }

  /** Why the last load failed, or undefined when the file in use is the file on disk. */
  get lastError(): Error | undefined {
    return this.error;
  }

  /** Whether a valid version of the file has been loaded at least once. */
  get loaded(): boolean {
    return this.loadedOnce;
  }

  close(): void {
    this.closed = true;
  }

  private refresh(): Promise<void> {
    this.reloading ??= this.check().finally(() => {
      this.reloading = undefined;
    });
    return this.reloading;
  }

  private async check(): Promise<void> {
    let signature: string;
    try {
      const s = await stat(this.path, { bigint: true });
      signature = `${s.mtimeNs}:${s.size}:${s.ino}`;
    } catch (error) {
      this.fail(error, "missing");
      return;
    }
    if (signature === this.signature) return;
    try {
      const parsed = parseUserLexicon(JSON.parse(await readFile(this.path, "utf8")) as unknown, this.path);
      this.current = parsed;
      this.error = undefined;
      this.loadedOnce = true;
    } catch (error) {
      this.fail(error, signature);
      return;
    }
    this.signature = signature;
  }

  private fail(error: unknown, signature: string): void {
    const message = error instanceof Error ? error.message : String(error);
    this.error =
      error instanceof InvalidPhonemesError ? error : new Error(message.includes(this.path) ? message : `${this.path}: ${message}`);
    // Remember the bad version so it is not re-read on every call; a new write changes the signature.
    this.signature = signature;
  }
}
