import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EspeakNgG2P } from "../../../src/g2p/espeak-ng/espeak-ng-g2p.js";
import { findEspeakNg } from "../../../src/g2p/espeak-ng/binary.js";
import { EspeakNgFailedError, EspeakNgProcess, MAX_LINE_BYTES } from "../../../src/g2p/espeak-ng/process.js";
import { LanguageUnavailableError } from "../../../src/g2p/language-errors.js";

const binary = findEspeakNg();
if (binary === null) throw new Error("these tests need espeak-ng on PATH (apt install espeak-ng)");

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((p) => p.close()));
});
function processFor(voice: string, timeoutMs?: number, bin: string = binary!): EspeakNgProcess {
  const p = new EspeakNgProcess({ binary: bin, voice, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
  open.push(p);
  return p;
}

/** A fake espeak-ng that reads its input and never answers. */
function silentBinary(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kokoro-espeak-"));
  const file = path.join(dir, "espeak-ng");
  writeFileSync(file, "#!/bin/sh\nexec cat > /dev/null\n");
  chmodSync(file, 0o755);
  return file;
}

describe("EspeakNgProcess: one long-lived espeak-ng", () => {
  it("answers many requests from one child, each input with its own lines", async () => {
    const p = processFor("es");
    const first = await p.phonemize(["hola", "dos palabras", ""]);
    expect(first[0]!.join(" ")).toMatch(/ˈola/u);
    expect(first[1]!.join(" ")).toMatch(/pal/u);
    expect(first[2]!.join("")).toBe("");
    for (let i = 0; i < 20; i++) expect((await p.phonemize([`número ${i}`]))[0]!.length).toBeGreaterThan(0);
    expect(p.starts).toBe(1);
  });

  it("serves concurrent requests one after another, each with its own answer", async () => {
    const p = processFor("it");
    const words = ["ciao", "pizza", "grazie", "gatto", "casa", "sole"];
    const answers = await Promise.all(words.map((w) => p.phonemize([w])));
    const alone = [];
    for (const w of words) alone.push(await p.phonemize([w]));
    expect(answers).toEqual(alone);
  });

  it("restarts after its child dies, and the request in flight fails rather than hangs", async () => {
    const p = processFor("fr-fr");
    await p.warmUp();
    const pid = p.pid!;
    process.kill(pid, "SIGKILL");
    await new Promise((r) => setTimeout(r, 100));
    expect((await p.phonemize(["bonjour"]))[0]!.join(" ")).toMatch(/bɔ̃ʒ/u);
    expect(p.starts).toBe(2);
    expect(p.pid).not.toBe(pid);
  });

  it("kills a child that does not answer in time, and says so", async () => {
    const p = processFor("es", 300, silentBinary());
    await expect(p.phonemize(["hola"])).rejects.toThrow(EspeakNgFailedError);
    await expect(p.phonemize(["hola"])).rejects.toThrow(/no answer within 300 ms/u);
    expect(p.starts).toBe(2);
  });

  it("has reaped its child when close() resolves: no espeak-ng is left, not even a zombie", async () => {
    const p = processFor("es");
    await p.phonemize(["hola"]);
    const pid = p.pid;
    expect(pid).not.toBeNull();
    await p.close();
    // `ps` lists a killed child that nobody reaped yet as <defunct>; a worker thread that ends then leaves it for good.
    const children = execFileSync("ps", ["--ppid", String(process.pid), "-o", "pid="], { encoding: "utf8" }).split("\n").map((l) => Number(l.trim()));
    expect(children).not.toContain(pid);
    await expect(p.phonemize(["hola"])).rejects.toThrow(/closed/);
  });

  it("bounds its input: no line breaks, no line over the buffer espeak-ng reads", () => {
    const p = processFor("es");
    expect(() => p.phonemize(["a\nb"])).toThrow(/line breaks/u);
    expect(() => p.phonemize(["a".repeat(MAX_LINE_BYTES + 1)])).toThrow(/bytes/u);
  });

  it("cannot be put out of step by text that contains its sentinel", async () => {
    const p = processFor("es");
    const out = await p.phonemize(["uno qxzqxzq dos", "QXZQXZQ", "tres"]);
    expect(out.map((lines) => lines.join(" "))).toEqual([(await p.phonemize(["uno dos"]))[0]!.join(" "), "", (await p.phonemize(["tres"]))[0]!.join(" ")]);
    expect(p.starts).toBe(1);
  });
});

describe("EspeakNgG2P without espeak-ng", () => {
  it("refuses with what to install, naming the language", async () => {
    const g2p = new EspeakNgG2P({ binary: null as unknown as string });
    open.push(g2p);
    const err = await g2p.tokens("Hola.", "es").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LanguageUnavailableError);
    expect((err as Error).message).toMatch(/Spanish \(es\).*espeak-ng.*apt install espeak-ng/u);
  });

  it("finds no espeak-ng on an empty PATH", () => {
    expect(findEspeakNg("")).toBeNull();
    expect(findEspeakNg(path.dirname(binary!))).toBe(binary);
  });
});

describe("EspeakNgG2P tokens", () => {
  it("keeps punctuation as tokens, touching the word before, and drops ¿ ¡", async () => {
    const g2p = new EspeakNgG2P();
    open.push(g2p);
    const tokens = await g2p.tokens("Hola, ¿qué tal? ¡Bien!", "es");
    expect(tokens.map((t) => [t.kind, t.text])).toEqual([
      ["word", "Hola"], ["punct", ","], ["word", "qué"], ["word", "tal"], ["punct", "?"], ["word", "Bien"], ["punct", "!"],
    ]);
    expect(await g2p.phonemize("Hola, ¿qué tal? ¡Bien!", "es")).toBe("ˈola, kˈe tˈal? bjˈen!");
  });

  it("gives a number read as several words one token with the number as its text", async () => {
    const g2p = new EspeakNgG2P();
    open.push(g2p);
    const tokens = await g2p.tokens("Tengo 1999 euros", "es");
    expect(tokens.map((t) => t.text)).toEqual(["Tengo", "1999", "euros"]);
    expect(tokens[1]!.phonemes.split(" ").length).toBeGreaterThan(2);
    expect(tokens[2]!.phonemes).toBe("ˈeʊɾos");
  });

  it("takes inline pronunciations verbatim", async () => {
    const g2p = new EspeakNgG2P();
    open.push(g2p);
    expect(await g2p.phonemize("Me llamo [Kokoro](/kˈOkəɹO/) hoy.", "es")).toMatch(/^me ʎˈamo kˈOkəɹO ˈoɪ\.$/u);
  });

  it("cuts a long clause into lines espeak-ng takes whole, losing no word", async () => {
    const g2p = new EspeakNgG2P();
    open.push(g2p);
    const words = Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? "casa" : "perro"));
    const tokens = await g2p.tokens(words.join(" "), "es");
    expect(tokens.map((t) => t.text)).toEqual(words);
  });
});
