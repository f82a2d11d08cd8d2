// The packed lexicon against the JSON it was read from: every key of the four real files, the case
// variants, words that are not keys, and values that are not entries.
import { readFileSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { describe, it, expect } from "vitest";
import { Lexicon, LEXICON_FILES, type Entry } from "../../../src/g2p/misaki/lexicon.js";
import { LexiconTable } from "../../../src/g2p/misaki/lexicon-table.js";
import type { EnglishLang } from "../../../src/text/lang.js";
import { MISAKI_DIR } from "../../helpers/paths.js";
import { sharedStore } from "./misaki-helpers.js";

type Raw = Record<string, unknown>;

/** Today's rule, from the parsed JSON: an own key whose value is a string or an object of strings/nulls with a string DEFAULT. */
function valid(raw: Raw, key: string): Entry | undefined {
  if (!Object.hasOwn(raw, key)) return undefined;
  const value = raw[key];
  if (typeof value === "string") return value;
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const ok = typeof record["DEFAULT"] === "string" && Object.values(record).every((v) => v === null || typeof v === "string");
  return ok ? (value as Entry) : undefined;
}

/** misaki's grow_dictionary at lookup, as Lexicon documents it. */
function oracle(raw: Raw, word: string): Entry | undefined {
  const exact = valid(raw, word);
  if (exact !== undefined || word.length < 2) return exact;
  const lower = word.toLowerCase();
  const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
  if (word === lower) return cap(word) === word ? undefined : valid(raw, cap(word));
  return word === cap(lower) ? valid(raw, lower) : undefined;
}

const readRaw = (file: string): Raw => JSON.parse(readFileSync(path.join(MISAKI_DIR, file), "utf8")) as Raw;

/** Words where lexicon and oracle disagree (collected, not asserted one by one: there are ~400k). */
function mismatches(words: Iterable<string>, lookup: (w: string) => Entry | undefined, raw: Raw): string[] {
  const bad: string[] = [];
  for (const word of words) if (!isDeepStrictEqual(lookup(word), oracle(raw, word))) bad.push(word);
  return bad;
}

const STRANGERS = [
  "",
  "\u0000",
  " ",
  "!",
  "\uffff",
  "zzzzzzzzzzzz",
  "\u{1F600}",
  "\u{1D49C}bc",
  "caf\u00e9\u{1F600}",
  "\ud800",
  "__proto__",
  "constructor",
  "Constructor",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "isPrototypeOf",
  "__defineGetter__",
  "qzxvj",
  "Qzxvj",
  "QZXVJ",
];

describe.each(Object.keys(LEXICON_FILES) as EnglishLang[])("the packed %s lexicon", (lang) => {
  const files = LEXICON_FILES[lang];
  const gold = readRaw(files.gold);
  const silver = readRaw(files.silver);

  it("answers every key, and its lower/Capitalized/UPPER forms, exactly as the JSON does", async () => {
    const lexicon = await sharedStore.get(lang);
    expect(lexicon.size).toEqual({ gold: Object.keys(gold).length, silver: Object.keys(silver).length });
    for (const [raw, lookup] of [
      [gold, (w: string) => lexicon.gold(w)],
      [silver, (w: string) => lexicon.silver(w)],
    ] as const) {
      const keys = Object.keys(raw);
      const variants = keys.flatMap((k) => [k.toLowerCase(), k.charAt(0).toUpperCase() + k.slice(1).toLowerCase(), k.toUpperCase()]);
      expect(mismatches(keys, lookup, raw)).toEqual([]);
      expect(mismatches(variants, lookup, raw)).toEqual([]);
      expect(mismatches(STRANGERS, lookup, raw)).toEqual([]);
      expect(mismatches(keys.map((k) => k + "\u0000"), lookup, raw)).toEqual([]);
    }
  });

  it("shares only frozen POS entries", async () => {
    const lexicon = await sharedStore.get(lang);
    const posKeys = Object.keys(gold).filter((k) => typeof gold[k] === "object");
    expect(posKeys.length).toBeGreaterThan(700);
    for (const key of posKeys) expect(Object.isFrozen(lexicon.gold(key))).toBe(true);
  });

  it("reads the real files member by member, not through the JSON.parse fallback", () => {
    for (const file of [files.gold, files.silver]) {
      expect(LexiconTable.fromText(readFileSync(path.join(MISAKI_DIR, file), "utf8"))).toBeDefined();
    }
  });
});

describe("Lexicon.fromJson", () => {
  const gold = JSON.parse(
    JSON.stringify({
      hello: "h1",
      Paris: "p1",
      Polish: "P2",
      polish: "p2",
      x: "x1",
      Ab: "ab1",
      McDonald: "m1",
      number: 5,
      array: ["a"],
      nodefault: { NOUN: "n" },
      badvalue: { DEFAULT: "d", VERB: 3 },
      nullvalue: null,
      bool: true,
      Fallback: 1,
      fallback: "f1",
      read: { DEFAULT: "ɹˈid", VBD: "ɹˈɛd", NOUN: null },
      empty: "",
      "": "blank",
      "\u{1F600}": "smile",
    }),
  ) as Raw;
  // JSON.parse makes `__proto__` an own key, as it does in a file.
  const silver = JSON.parse('{"__proto__": "proto", "toString": {"DEFAULT": "ts"}, "ohio": "OhˈIO", "10": "ten", "9": "nine"}') as Raw;
  const lexicon = Lexicon.fromJson("en-us", gold, silver, { exclude: (w) => w === "ohio" || w === "paris" });

  it("matches the oracle on keys, case variants and strangers", () => {
    const words = [...Object.keys(gold), ...Object.keys(silver), ...STRANGERS, "Hello", "HELLO", "X", "ab", "AB", "mcdonald", "Mcdonald", "Read", "Empty", "Number"];
    // The excluded words are left to the test below.
    const shown = words.filter((w) => !["ohio", "paris"].includes(w.toLowerCase()));
    expect(mismatches(shown, (w) => lexicon.gold(w), gold)).toEqual([]);
    expect(mismatches(shown, (w) => lexicon.silver(w), silver)).toEqual([]);
  });

  it("grows case variants of two or more letters, the exact key winning", () => {
    expect(lexicon.gold("Hello")).toBe("h1");
    expect(lexicon.gold("HELLO")).toBeUndefined();
    expect(lexicon.gold("Polish")).toBe("P2");
    expect(lexicon.gold("polish")).toBe("p2");
    expect(lexicon.gold("ab")).toBe("ab1");
    expect(lexicon.gold("X")).toBeUndefined();
    expect(lexicon.gold("mcdonald")).toBeUndefined();
    expect(lexicon.gold("Fallback")).toBe("f1"); // its own value is not an entry, so the lowercase key answers
  });

  it("leaves out values that are not entries, but counts their keys", () => {
    for (const word of ["number", "array", "nodefault", "badvalue", "nullvalue", "bool"]) expect(lexicon.gold(word)).toBeUndefined();
    expect(lexicon.size).toEqual({ gold: Object.keys(gold).length, silver: 5 });
    expect(lexicon.gold("empty")).toBe("");
    expect(lexicon.gold("")).toBe("blank");
    expect(lexicon.gold("\u{1F600}")).toBe("smile");
  });

  it("honours exclusions, compared lowercased, in both lexicons", () => {
    expect(lexicon.silver("ohio")).toBeUndefined();
    expect(lexicon.silver("Ohio")).toBeUndefined();
    expect(lexicon.gold("Paris")).toBeUndefined();
    expect(lexicon.gold("hello")).toBe("h1");
  });

  it("finds own keys only, and integer-like ones", () => {
    expect(lexicon.silver("__proto__")).toBe("proto");
    expect(lexicon.silver("toString")).toEqual({ DEFAULT: "ts" });
    expect(lexicon.silver("constructor")).toBeUndefined();
    expect(lexicon.gold("__proto__")).toBeUndefined();
    expect(lexicon.silver("10")).toBe("ten");
    expect(lexicon.silver("9")).toBe("nine");
  });

  it("returns frozen copies of POS entries and leaves the caller's object alone", () => {
    const read = lexicon.gold("read");
    expect(read).toEqual({ DEFAULT: "ɹˈid", VBD: "ɹˈɛd", NOUN: null });
    expect(Object.isFrozen(read)).toBe(true);
    expect(Object.isFrozen(gold["read"])).toBe(false);
  });

  it("rejects what is not an object", () => {
    expect(() => Lexicon.fromJson("en-us", [], {})).toThrow(/not a JSON object/);
    expect(() => Lexicon.fromJson("en-us", {}, null)).toThrow(/not a JSON object/);
  });
});
