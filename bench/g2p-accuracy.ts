// `npm run bench -- g2p-accuracy [--sample-mod 20] [--cmu-limit 3000]`: how close the misaki G2P
// comes to references it cannot look up.
// 1. misaki's own US gold lexicon: a deterministic 1-in-20 sample of its lowercase words (by a hash
//    of the word) is removed from the lexicons the G2P loads, so suffix rules, compounds and the
//    espeak fallback are what is measured.
// 2. CMUdict (Debian festlex-cmu) for words in neither US lexicon, converted from ARPAbet to misaki
//    symbols. That file marks stressed syllables with 1 only (no secondary), so stress is compared
//    with ˌ read as ˈ; flap T and small schwa ᵊ are read as t and ə there.
// 3. Words in context (bench/data/g2p-context.tsv): contractions, `read` after auxiliaries and in
//    questions, function-word stress; each sentence is phonemized whole and its target word compared.
// Reported: phoneme error rate (edit distance over symbols / reference length) and exact-word rate,
// with and without stress marks.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { EspeakG2P } from "../src/g2p/espeak-g2p.js";
import { LexiconStore } from "../src/g2p/misaki/lexicon.js";
import { MisakiG2P } from "../src/g2p/misaki/misaki-g2p.js";
import { machine } from "./stats.js";

const LEXICONS = fileURLToPath(new URL("../../shared/data/misaki", import.meta.url));
const CMUDICT = "/usr/share/festival/dicts/cmu/cmudict-0.4.out";
const CONTEXT_SET = fileURLToPath(new URL("./data/g2p-context.tsv", import.meta.url));

/** FNV-1a, so the sample is the same on every machine. */
function hash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

function editDistance(a: readonly string[], b: readonly string[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

const stripStress = (ps: string): string => ps.replace(/[ˈˌ]/gu, "");

class Score {
  words = 0;
  exact = 0;
  exactNoStress = 0;
  edits = 0;
  editsNoStress = 0;
  refSymbols = 0;
  refSymbolsNoStress = 0;
  readonly misses: string[] = [];

  add(word: string, got: string, ref: string): void {
    this.words++;
    const g = [...got.replaceAll(" ", "")];
    const r = [...ref];
    const gs = [...stripStress(got.replaceAll(" ", ""))];
    const rs = [...stripStress(ref)];
    this.edits += editDistance(g, r);
    this.editsNoStress += editDistance(gs, rs);
    this.refSymbols += r.length;
    this.refSymbolsNoStress += rs.length;
    if (g.join("") === ref) this.exact++;
    else if (this.misses.length < 25) this.misses.push(`${word}: ${got} ≠ ${ref}`);
    if (gs.join("") === rs.join("")) this.exactNoStress++;
  }

  report(): Record<string, unknown> {
    const pct = (x: number, n: number): number => Math.round((x / Math.max(1, n)) * 10000) / 100;
    return {
      words: this.words,
      phonemeErrorRatePct: pct(this.edits, this.refSymbols),
      phonemeErrorRateNoStressPct: pct(this.editsNoStress, this.refSymbolsNoStress),
      exactWordPct: pct(this.exact, this.words),
      exactWordNoStressPct: pct(this.exactNoStress, this.words),
      sampleMisses: this.misses,
    };
  }
}

const ARPA: Readonly<Record<string, string>> = {
  aa: "ɑ", ae: "æ", ah: "ʌ", ax: "ə", ao: "ɔ", aw: "W", ay: "I", eh: "ɛ", ey: "A", ih: "ɪ", iy: "i", ow: "O", oy: "Y",
  uh: "ʊ", uw: "u", b: "b", ch: "ʧ", d: "d", dh: "ð", f: "f", g: "ɡ", hh: "h", jh: "ʤ", k: "k", l: "l", m: "m", n: "n",
  ng: "ŋ", p: "p", r: "ɹ", s: "s", sh: "ʃ", t: "t", th: "θ", v: "v", w: "w", y: "j", z: "z", zh: "ʒ",
};
const ARPA_VOWELS = new Set(["aa", "ae", "ah", "ax", "ao", "aw", "ay", "eh", "er", "ey", "ih", "iy", "ow", "oy", "uh", "uw"]);

/** One festival cmudict line's syllables → misaki symbols, stress (ˈ) before a stressed syllable's vowel. */
function cmuToMisaki(syllables: ReadonlyArray<{ phones: string[]; stressed: boolean }>): string | undefined {
  let out = "";
  for (const { phones, stressed } of syllables) {
    for (const phone of phones) {
      if (ARPA_VOWELS.has(phone)) {
        if (stressed) out += "ˈ";
        if (phone === "er") out += stressed ? "ɜɹ" : "əɹ";
        else if (phone === "ah" && !stressed) out += "ə";
        else out += ARPA[phone] ?? "";
      } else {
        const sym = ARPA[phone];
        if (sym === undefined) return undefined;
        out += sym;
      }
    }
  }
  return out;
}

function readCmu(): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of readFileSync(CMUDICT, "utf8").split("\n")) {
    const m = /^\("([a-z]+)" \S+ \((.*)\)\)$/u.exec(line);
    if (m?.[1] === undefined || m[2] === undefined || out.has(m[1])) continue;
    const syllables = [...m[2].matchAll(/\(\(([a-z ]+)\) ([01])\)/gu)].map((s) => ({
      phones: (s[1] ?? "").split(" "),
      stressed: s[2] === "1",
    }));
    const ps = cmuToMisaki(syllables);
    if (ps !== undefined) out.set(m[1], ps);
  }
  return out;
}

/** Each sentence of the context set phonemized whole; the target word's phonemes scored, by class. */
async function contextWords(g2p: MisakiG2P): Promise<Record<string, unknown>> {
  const byClass = new Map<string, Score>();
  for (const line of readFileSync(CONTEXT_SET, "utf8").split("\n")) {
    if (line.trim() === "" || line.startsWith("#")) continue;
    const [cls = "", sentence = "", word = "", ref = ""] = line.split("\t");
    const tokens = await g2p.tokens(sentence, "en-us");
    const got = tokens.find((t) => t.text === word)?.phonemes ?? "";
    let score = byClass.get(cls);
    if (score === undefined) byClass.set(cls, (score = new Score()));
    score.add(`${word} in "${sentence}"`, got, ref);
  }
  return Object.fromEntries([...byClass].map(([cls, score]) => [cls, score.report()]));
}

export async function g2pAccuracy(argv: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args: argv,
    options: { "sample-mod": { type: "string", default: "20" }, "cmu-limit": { type: "string", default: "3000" } },
  });
  const mod = Math.max(2, Number(values["sample-mod"]));
  const gold = JSON.parse(readFileSync(`${LEXICONS}/us_gold.json`, "utf8")) as Record<string, unknown>;
  const silver = JSON.parse(readFileSync(`${LEXICONS}/us_silver.json`, "utf8")) as Record<string, unknown>;
  const heldOut = new Map<string, string>();
  for (const [word, ps] of Object.entries(gold)) {
    if (typeof ps === "string" && /^[a-z]+$/u.test(word) && hash(word) % mod === 0) heldOut.set(word, ps);
  }
  const espeak = new EspeakG2P({ cacheEntries: 0 });
  const g2p = new MisakiG2P({
    lexicons: new LexiconStore(LEXICONS, { exclude: (w) => heldOut.has(w) }),
    fallback: espeak,
  });
  const v1 = (ps: string): string => ps.replaceAll("ɾ", "T").replaceAll("ʔ", "t");

  const goldScore = new Score();
  const byRules = new Score();
  const byFallback = new Score();
  for (const [word, ref] of heldOut) {
    const before = g2p.stats().fallbackWords;
    const got = await g2p.phonemize(word, "en-us");
    goldScore.add(word, got, v1(ref));
    (g2p.stats().fallbackWords > before ? byFallback : byRules).add(word, got, v1(ref));
  }

  let cmu: Record<string, unknown>;
  if (existsSync(CMUDICT)) {
    const limit = Number(values["cmu-limit"]);
    const known = (w: string): boolean =>
      w in gold || w in silver || (w.charAt(0).toUpperCase() + w.slice(1)) in gold || (w.charAt(0).toUpperCase() + w.slice(1)) in silver;
    const candidates = [...readCmu()].filter(([w]) => w.length > 1 && !known(w)).sort((a, b) => hash(a[0]) - hash(b[0])).slice(0, limit);
    const score = new Score();
    const loose = (ps: string): string => ps.replaceAll("ˌ", "ˈ").replaceAll("T", "t").replaceAll("ᵊ", "ə");
    for (const [word, ref] of candidates) score.add(word, loose(await g2p.phonemize(word, "en-us")), ref);
    cmu = { source: CMUDICT, ...score.report() };
  } else {
    cmu = { blocked: `${CMUDICT} not found (apt-get install festlex-cmu)` };
  }
  // With the held-out words back in the lexicons: the context set measures rules, not missing words.
  const full = new MisakiG2P({ lexicons: LEXICONS, fallback: new EspeakG2P({ cacheEntries: 0 }) });
  const context = await contextWords(full);
  await full.close();
  await g2p.close();

  return {
    bench: "g2p-accuracy",
    machine: machine(),
    heldOutGold: { sampleRule: `fnv1a(word) % ${mod} === 0, lowercase a-z words with a plain entry`, ...goldScore.report() },
    heldOutGoldSolvedByRules: byRules.report(),
    heldOutGoldSentToEspeak: byFallback.report(),
    cmudictWordsInNeitherLexicon: cmu,
    wordsInContext: { source: CONTEXT_SET, ...context },
  };
}
