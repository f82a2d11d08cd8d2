// The member-by-member reader of misaki's lexicon files against JSON.parse: whatever it accepts, it
// reads as JSON.parse does; whatever it refuses, JSON.parse refuses too (or is not an object).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, it, expect } from "vitest";
import { jsonObjectMembers } from "../../../src/g2p/misaki/json-members.js";
import { Lexicon } from "../../../src/g2p/misaki/lexicon.js";

/** JSON.parse's object as a Map, or undefined when it throws or is not a plain object. */
function parsed(text: string): Map<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  return new Map(Object.entries(value));
}

/** The scanner's members as a Map: a repeated key keeps the last value, as in JSON.parse. */
function scanned(text: string): Map<string, unknown> | undefined {
  const members = jsonObjectMembers(text);
  if (members === undefined) return undefined;
  return new Map(members.keys.map((key, i) => [key, members.values[i]]));
}

const VALID = [
  "{}",
  " \t\r\n{ \n} \n",
  '{"a":"b"}',
  '{"b": "2", "a": "1"}',
  '{"a": "1", "a": "2"}',
  '{"a": "1", "a": 2}',
  '{"q\\"uote": "back\\\\slash", "u": "\\u00e9\\ud83d\\ude00\\n\\t\\/"}',
  '{"__proto__": "p", "constructor": {"DEFAULT": "c"}}',
  '{"10": "ten", "9": "nine", "x": "y"}',
  '{"read": {"DEFAULT": "r}\\"", "VBD": "r,]", "NOUN": null}, "next": "n"}',
  '{"n": -1.5e3, "t": true, "f": false, "z": null, "arr": [1, {"a": [2]}, "]"], "o": {}}',
  '{"ʃ": "ʃə", "\u{1F600}": "\u{1F600}"}',
  '{"a" :"b" , "c":"d"}',
];

const INVALID = [
  "",
  " ",
  "[]",
  '"s"',
  "null",
  "1",
  "\ufeff{}",
  "{",
  "}",
  "{,}",
  '{"a"}',
  '{"a":}',
  '{"a":"b",}',
  '{"a":"b" "c":"d"}',
  '{"a":"b"}x',
  '{"a":"b"}}',
  '{a:"b"}',
  "{'a':'b'}",
  '{"a":"b\nc"}',
  '{"a":"b\\x"}',
  '{"a":"b\\',
  '{"a":"b',
  '{"a":[}',
  '{"a":{]}',
  '{"a":[1,]}',
  '{"a":tru}',
  '{"a":01}',
  '{"a":{} 1}',
  '{"a":"b"',
];

describe("jsonObjectMembers", () => {
  it.each(VALID)("reads %j as JSON.parse does", (text) => {
    expect(parsed(text)).toBeDefined();
    expect(scanned(text)).toEqual(parsed(text));
  });

  it.each(INVALID)("refuses %j, as JSON.parse does (or it is not an object)", (text) => {
    expect(scanned(text)).toBeUndefined();
    expect(parsed(text)).toBeUndefined();
  });

  it("agrees with JSON.parse on thousands of one-character mutations", () => {
    const base = '{"a": "b", "q\\"": {"DEFAULT": "x", "N": null}, "n": [1, "}"], "é": "\\u0041"}';
    const alphabet = ['"', "\\", "{", "}", "[", "]", ",", ":", " ", "a", "1", "n", "u", "\n", "e"];
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 5000; round++) {
      const at = random(base.length + 1);
      const ch = alphabet[random(alphabet.length)] ?? "";
      const kind = random(3);
      const text = kind === 0 ? base.slice(0, at) + base.slice(at + 1) : kind === 1 ? base.slice(0, at) + ch + base.slice(at) : base.slice(0, at) + ch + base.slice(at + 1);
      expect({ text, members: scanned(text) }).toEqual({ text, members: parsed(text) });
    }
  });
});

describe("Lexicon.load on hand-written files", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "lexicon-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (gold: string, silver = "{}"): void => {
    writeFileSync(path.join(dir, "us_gold.json"), gold);
    writeFileSync(path.join(dir, "us_silver.json"), silver);
  };

  it("reads escapes, duplicates (the last wins) and unsorted keys", async () => {
    write('{"zed": "z", "Caf\\u00e9": "k", "dup": "1", "dup": {"DEFAULT": "2"}, "gone": "g", "gone": 5, "ab": "a"}');
    const lexicon = await Lexicon.load(dir, "en-us");
    expect(lexicon.gold("café")).toBe("k");
    expect(lexicon.gold("dup")).toEqual({ DEFAULT: "2" });
    expect(lexicon.gold("gone")).toBeUndefined();
    expect(lexicon.gold("zed")).toBe("z");
    expect(lexicon.gold("Ab")).toBe("a");
    expect(lexicon.size).toEqual({ gold: 5, silver: 0 });
  });

  it("reports a malformed file with JSON.parse's message, and a non-object as before", async () => {
    write('{"a": "b",}');
    let expected = "";
    try {
      JSON.parse('{"a": "b",}');
    } catch (error) {
      expected = (error as Error).message;
    }
    await expect(Lexicon.load(dir, "en-us")).rejects.toThrow(`cannot read misaki lexicon ${path.join(dir, "us_gold.json")}: ${expected}`);
    write("[]");
    await expect(Lexicon.load(dir, "en-us")).rejects.toThrow("misaki lexicon is not a JSON object");
  });
});
