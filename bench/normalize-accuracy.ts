// `npm run bench -- normalize-accuracy [--file bench/data/normalize-round2.tsv] [--misses 5]`: how often the
// English normalizer says a held-back sentence as a careful reader would, per class of pattern.
// The file is tab-separated: class, lang (en-us | en-gb), input, expected reading; `#` starts a comment line.
// Reported per class: sentences read exactly (case and spacing aside, punctuation counted) and the word
// error rate (word edit distance over the expected words, punctuation aside).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { LANGS, type Lang } from "../src/text/lang.js";
import { normalizeToString } from "../src/text/index.js";
import { machine } from "./stats.js";

const DEFAULT_FILE = fileURLToPath(new URL("./data/normalize-round2.tsv", import.meta.url));

interface Case {
  readonly cls: string;
  readonly lang: Lang;
  readonly input: string;
  readonly expected: string;
}

function readCases(file: string): Case[] {
  const out: Case[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (line.trim() === "" || line.startsWith("#")) continue;
    const [cls, lang, input, expected] = line.split("\t");
    if (cls === undefined || input === undefined || expected === undefined || !LANGS.includes(lang as Lang)) {
      throw new Error(`${file}: bad line ${JSON.stringify(line)}`);
    }
    out.push({ cls, lang: lang as Lang, input, expected });
  }
  return out;
}

const exactForm = (s: string): string => s.toLowerCase().replace(/\s+/g, " ").trim();
const words = (s: string): string[] => s.toLowerCase().replace(/[^\p{L}\p{N}'\s-]/gu, " ").split(/[\s-]+/u).filter((w) => w !== "");

function editDistance(a: readonly string[], b: readonly string[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

interface ClassScore {
  sentences: number;
  exact: number;
  edits: number;
  refWords: number;
  misses: string[];
}

export async function normalizeAccuracy(argv: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({ args: argv, options: { file: { type: "string", default: DEFAULT_FILE }, misses: { type: "string", default: "5" } } });
  const file = values.file;
  const maxMisses = Number(values.misses);
  const scores = new Map<string, ClassScore>();
  const total: ClassScore = { sentences: 0, exact: 0, edits: 0, refWords: 0, misses: [] };
  for (const c of readCases(file)) {
    let s = scores.get(c.cls);
    if (s === undefined) scores.set(c.cls, (s = { sentences: 0, exact: 0, edits: 0, refWords: 0, misses: [] }));
    const got = normalizeToString(c.input, { lang: c.lang });
    const exact = exactForm(got) === exactForm(c.expected);
    const edits = editDistance(words(got), words(c.expected));
    const refWords = words(c.expected).length;
    for (const score of [s, total]) {
      score.sentences++;
      score.exact += exact ? 1 : 0;
      score.edits += edits;
      score.refWords += refWords;
    }
    if (!exact && s.misses.length < maxMisses) s.misses.push(`${c.input} → ${got} ≠ ${c.expected}`);
  }
  const pct = (x: number, n: number): number => Math.round((x / Math.max(1, n)) * 1000) / 10;
  const report = (s: ClassScore): Record<string, unknown> => ({
    sentences: s.sentences,
    exactPct: pct(s.exact, s.sentences),
    wordErrorRatePct: pct(s.edits, s.refWords),
    ...(s.misses.length > 0 ? { misses: s.misses } : {}),
  });
  return {
    bench: "normalize-accuracy",
    machine: machine(),
    file,
    total: report(total),
    byClass: Object.fromEntries([...scores].map(([cls, s]) => [cls, report(s)])),
  };
}
