import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { mkdtemp, rm, writeFile, rename } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InvalidPhonemesError } from "../../../src/g2p/index.js";
import { MisakiG2P } from "../../../src/g2p/misaki/misaki-g2p.js";
import { UserLexicon, parseUserLexicon } from "../../../src/g2p/misaki/user-lexicon.js";
import { RecordingFallback, sharedStore } from "./misaki-helpers.js";

describe("inline pronunciations", () => {
  const g2p = new MisakiG2P({ lexicons: sharedStore, fallback: new RecordingFallback() });

  it("gives the bracketed word the phonemes verbatim", async () => {
    expect(await g2p.phonemize("Say [Kokoro](/kˈOkəɹO/) twice.", "en-us")).toBe("sˈA kˈOkəɹO twˈIs.");
    const tokens = await g2p.tokens("[Kokoro](/kˈOkəɹO/)!", "en-us");
    expect(tokens[0]).toMatchObject({ text: "Kokoro", phonemes: "kˈOkəɹO", kind: "word" });
  });

  it("applies a stress level given instead of phonemes", async () => {
    expect(await g2p.phonemize("[cat](-2) [cat](-1) cat", "en-us")).toBe("kæt kˌæt kˈæt");
  });

  it("counts for the context of the word before it", async () => {
    expect(await g2p.phonemize("the [apple](/ˈæpᵊl/)", "en-us")).toBe("ði ˈæpᵊl");
    expect(await g2p.phonemize("the [apple](/kˈæt/)", "en-us")).toBe("ðə kˈæt");
  });

  it("rejects a symbol outside the Kokoro vocabulary, naming it", async () => {
    const attempt = g2p.tokens("Hi [Kokoro](/kʘ/).", "en-us");
    await expect(attempt).rejects.toBeInstanceOf(InvalidPhonemesError);
    await expect(g2p.tokens("Hi [Kokoro](/kʘ/).", "en-us")).rejects.toThrow("invalid phoneme symbol 'ʘ' in [Kokoro](/kʘ/)");
  });

  it("leaves other bracket text alone", async () => {
    expect(await g2p.phonemize("[cat](dog)", "en-us")).toBe("kˈæt");
  });
});

describe("parseUserLexicon", () => {
  it("reads sections per dialect, a shared en section, and flat files", () => {
    const parsed = parseUserLexicon({ en: { kokoro: "kˈOkəɹO" }, "en-gb": { tomato: "təmˈAtQ" } });
    expect(parsed["en-us"].get("kokoro")).toBe("kˈOkəɹO");
    expect(parsed["en-gb"].get("kokoro")).toBe("kˈOkəɹO");
    expect(parsed["en-gb"].get("tomato")).toBe("təmˈAtQ");
    expect(parsed["en-us"].has("tomato")).toBe(false);
    const flat = parseUserLexicon({ Kokoro: "kˈOkəɹO" });
    expect(flat["en-us"].get("kokoro")).toBe("kˈOkəɹO");
    expect(flat["en-gb"].get("Kokoro")).toBe("kˈOkəɹO");
  });

  it("names the word and symbol of an invalid entry", () => {
    expect(() => parseUserLexicon({ "en-us": { kokoro: "kʘ" } }, "lex.json")).toThrow(
      `lex.json: invalid phoneme symbol 'ʘ' in "kokoro" (en-us)`,
    );
    expect(() => parseUserLexicon({ two: 2 })).toThrow(/must be a string/u);
    expect(() => parseUserLexicon([])).toThrow(/JSON object/u);
  });
});

describe("user lexicon file", () => {
  let dir = "";
  let file = "";
  let lexicon: UserLexicon;
  let g2p: MisakiG2P;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "user-lexicon-"));
    file = join(dir, "lexicon.json");
    await writeFile(file, JSON.stringify({ "en-us": { hello: "hˈɛlO", kokoro: "kˈOkəɹO" } }));
    lexicon = new UserLexicon(file);
    g2p = new MisakiG2P({ lexicons: sharedStore, fallback: new RecordingFallback(), userLexicon: lexicon });
  });

  afterEach(async () => {
    await g2p.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("overrides the gold lexicon and is used for the right dialect only", async () => {
    await g2p.warmUp();
    expect(await g2p.phonemize("Hello, Kokoro.", "en-us")).toBe("hˈɛlO, kˈOkəɹO.");
    expect(await g2p.phonemize("Hello", "en-gb")).toBe("həlˈQ");
  });

  it("reloads when the file changes, including when an editor replaces it", async () => {
    expect(await g2p.phonemize("hello", "en-us")).toBe("hˈɛlO");
    await writeFile(file, JSON.stringify({ hello: "hˈʌlO" }));
    expect(await g2p.phonemize("hello", "en-us")).toBe("hˈʌlO");
    const replacement = join(dir, "lexicon.json.tmp");
    await writeFile(replacement, JSON.stringify({ hello: "hˈɑlO" }));
    await rename(replacement, file);
    expect(await g2p.phonemize("hello", "en-us")).toBe("hˈɑlO");
  });

  it("keeps the last good version when a reload is invalid, and says why", async () => {
    expect(await g2p.phonemize("kokoro", "en-us")).toBe("kˈOkəɹO");
    await writeFile(file, JSON.stringify({ kokoro: "kʘ" }));
    expect(await g2p.phonemize("kokoro", "en-us")).toBe("kˈOkəɹO");
    expect(lexicon.lastError).toBeInstanceOf(InvalidPhonemesError);
    expect(lexicon.lastError?.message).toContain("'ʘ'");
    await writeFile(file, "{ not json");
    expect(await g2p.phonemize("kokoro", "en-us")).toBe("kˈOkəɹO");
    expect(lexicon.lastError?.message).toContain(file);
    await writeFile(file, JSON.stringify({ kokoro: "kəkˈɔɹO" }));
    expect(await g2p.phonemize("kokoro", "en-us")).toBe("kəkˈɔɹO");
    expect(lexicon.lastError).toBeUndefined();
  });

  it("fails warm-up when the file is missing or invalid at start", async () => {
    await writeFile(file, JSON.stringify({ kokoro: "kʘ" }));
    await expect(new UserLexicon(file).load()).rejects.toThrow(/invalid phoneme symbol 'ʘ'/u);
    await expect(new UserLexicon(join(dir, "missing.json")).load()).rejects.toThrow(/missing\.json/u);
  });
});
