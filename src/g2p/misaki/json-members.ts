// Reads the members of a top-level JSON object without building the object. misaki's lexicon files are
// one flat object of ~90k members: JSON.parse + Object.keys on it takes longer, and far more transient
// heap, than reading the members directly. A plain string value (most of them) is sliced out as is; a
// string with escapes and any other value go through JSON.parse, which also validates them.

export interface JsonMembers {
  /** In file order, duplicates included (JSON.parse keeps the last). */
  readonly keys: string[];
  readonly values: unknown[];
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * The members of `text` if it is a JSON object, else undefined: malformed JSON or another top-level value,
 * for which the caller can run JSON.parse to get its own error or value.
 */
export function jsonObjectMembers(text: string): JsonMembers | undefined {
  try {
    return new Scanner(text).object();
  } catch {
    return undefined;
  }
}

class Scanner {
  private pos = 0;

  constructor(private readonly text: string) {}

  object(): JsonMembers {
    const keys: string[] = [];
    const values: unknown[] = [];
    this.skipSpace();
    this.expect(OPEN_BRACE);
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === CLOSE_BRACE) this.pos++;
    else {
      for (;;) {
        if (this.text.charCodeAt(this.pos) !== QUOTE) throw new SyntaxError("expected a key");
        keys.push(this.string());
        this.skipSpace();
        this.expect(COLON);
        this.skipSpace();
        values.push(this.value());
        this.skipSpace();
        if (this.text.charCodeAt(this.pos) !== COMMA) break;
        this.pos++;
        this.skipSpace();
      }
      this.expect(CLOSE_BRACE);
    }
    this.skipSpace();
    if (this.pos !== this.text.length) throw new SyntaxError("text after the object");
    return { keys, values };
  }

  /** The string starting at the current quote. */
  private string(): string {
    const text = this.text;
    const start = this.pos;
    let escaped = false;
    let i = start + 1;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        // Skip the escaped character (it may be a quote); JSON.parse checks the escape below.
        escaped = true;
        i += 2;
      } else if (c >= 0x20) i++;
      else throw new SyntaxError("unterminated string or control character"); // NaN past the end
    }
    this.pos = i + 1;
    return escaped ? (JSON.parse(text.slice(start, i + 1)) as string) : text.slice(start + 1, i);
  }

  /**
   * A member's value. Anything but a string (rare here) ends at the first comma or closing bracket outside
   * strings and nesting; if the text there is not exactly one JSON value, JSON.parse rejects the slice.
   */
  private value(): unknown {
    const text = this.text;
    if (text.charCodeAt(this.pos) === QUOTE) return this.string();
    const start = this.pos;
    let depth = 0;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === QUOTE) {
        this.string();
        continue;
      }
      if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (depth === 0) break;
        depth--;
      } else if (c === COMMA && depth === 0) break;
      else if (Number.isNaN(c)) throw new SyntaxError("unexpected end of text");
      this.pos++;
    }
    return JSON.parse(text.slice(start, this.pos)) as unknown;
  }

  private expect(code: number): void {
    if (this.text.charCodeAt(this.pos) !== code) throw new SyntaxError(`expected ${String.fromCharCode(code)}`);
    this.pos++;
  }

  /** JSON's whitespace: space, tab, line feed, carriage return (not a BOM, as in JSON.parse). */
  private skipSpace(): void {
    for (;;) {
      const c = this.text.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      this.pos++;
    }
  }
}
