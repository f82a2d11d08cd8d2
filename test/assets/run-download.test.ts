import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LEXICONS, LEXICON_NAMES, VOICES_NPZ, findVariant } from "../../src/assets/catalogue.js";
import { formatCatalogue, runDownload } from "../../src/assets/run-download.js";
import { startFileServer, type FileServer } from "../helpers/http-file-server.js";

const SHARED = fileURLToPath(new URL("../../../shared/data/", import.meta.url));

function localPath(url: string): string {
  const { host, pathname } = new URL(url);
  return `/${host}${pathname}`;
}

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString("utf8") };
}

let server: FileServer;
let home: string;

beforeAll(async () => {
  server = await startFileServer();
  server.set(localPath(VOICES_NPZ.url), await readFile(`${SHARED}voices-v1.0.bin`));
  for (const name of LEXICON_NAMES) server.set(localPath(LEXICONS[name].url), await readFile(`${SHARED}misaki/${name}.json`));
  server.set(localPath(findVariant("v1.0-fp16").file.url), randomBytes(10_000));
  home = await mkdtemp(path.join(tmpdir(), "kokoro-home-"));
});

afterAll(async () => {
  await server.close();
  await rm(home, { recursive: true, force: true });
});

describe("runDownload", () => {
  it("downloads into $KOKORO_HOME, prints progress lines to stderr and paths to stdout", async () => {
    const out = sink();
    const err = sink();
    const fetchImpl: typeof fetch = (input, init) =>
      fetch(server.url(localPath(input instanceof Request ? input.url : String(input))), init);
    const summary = await runDownload(
      { variant: "v1.0-fp16" },
      { stdout: out.stream, stderr: err.stream, env: { KOKORO_HOME: home }, fetchImpl },
    );

    expect(summary.cacheDir).toBe(home);
    expect(summary.downloaded).toBe(true);
    expect(summary.model.modelPath.startsWith(home)).toBe(true);
    expect(err.text()).toContain(`cache: ${home}`);
    expect(err.text()).toMatch(/downloading 2 files: 100% \(/);
    expect(err.text()).toMatch(/downloading 4 files: 100% \(/);
    expect(out.text()).toContain(summary.model.modelPath);
    expect(out.text()).toContain(summary.model.voicesPath);
    expect(out.text()).toContain(path.join(home, "misaki"));

    const again = sink();
    const second = await runDownload({ variant: "v1.0-fp16" }, { stdout: again.stream, stderr: sink().stream, env: { KOKORO_HOME: home }, fetchImpl });
    expect(second.downloaded).toBe(false);
    expect(again.text()).toContain("already in the cache");
  });

  it("offline, one error lists the model, the voices and the four lexicons, each with its flag", async () => {
    const offline: typeof fetch = () => Promise.reject(new TypeError("fetch failed", { cause: new Error("getaddrinfo ENOTFOUND huggingface.co") }));
    const empty = await mkdtemp(path.join(tmpdir(), "kokoro-home-offline-"));
    const attempt = runDownload({}, { stdout: sink().stream, stderr: sink().stream, env: { KOKORO_HOME: empty }, fetchImpl: offline });
    const message = await attempt.then(
      () => "",
      (e: Error) => e.message,
    );
    for (const file of [findVariant("q8").file, VOICES_NPZ, ...LEXICON_NAMES.map((n) => LEXICONS[n])]) expect(message).toContain(file.url);
    for (const s of ["--model FILE", "KOKORO_MODEL", "--voices PATH", "KOKORO_VOICES", "--lexicons DIR", "KOKORO_LEXICONS"]) expect(message).toContain(s);
    const noLexicons = await runDownload({ lexicons: false }, { stderr: sink().stream, env: { KOKORO_HOME: empty }, fetchImpl: offline }).then(
      () => "",
      (e: Error) => e.message,
    );
    expect(noLexicons).toContain(VOICES_NPZ.url);
    expect(noLexicons).not.toContain(LEXICONS.us_gold.url);
    await rm(empty, { recursive: true, force: true });
  });

  it("rejects an unknown voices source", async () => {
    await expect(runDownload({ voices: "zip" }, { stderr: sink().stream, env: { KOKORO_HOME: home } })).rejects.toThrow(
      'unknown voices source "zip"; valid: npz, bin',
    );
  });
});

describe("formatCatalogue", () => {
  it("lists every variant with the default marked", () => {
    const text = formatCatalogue();
    expect(text).toContain("q8 (default)");
    expect(text).toContain("alias quantized");
    expect(text).toContain("v1.0-int8");
    expect(text).toContain("54 files");
  });
});
