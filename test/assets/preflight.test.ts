import { mkdir, mkdtemp, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cachePath } from "../../src/assets/cache-dir.js";
import { LEXICONS, LEXICON_NAMES, VOICES_NPZ, findVariant, type AssetFile } from "../../src/assets/catalogue.js";
import { AssetsMissingError, NetworkUnavailableError } from "../../src/assets/download-errors.js";
import { ensureVoices, LocalAssetError } from "../../src/assets/ensure.js";
import { missingAssets, preflightAssets } from "../../src/assets/preflight.js";
import { startFileServer } from "../helpers/http-file-server.js";
import { FIXTURE_MODEL, MISAKI_DIR, VOICES_NPZ as SHARED_NPZ } from "../helpers/paths.js";

const ALL: readonly AssetFile[] = [findVariant("q8").file, VOICES_NPZ, ...LEXICON_NAMES.map((n) => LEXICONS[n])];

/** A fetch that never connects, as on a machine without network. */
const offline: typeof fetch = () => Promise.reject(new TypeError("fetch failed", { cause: Object.assign(new Error("getaddrinfo ENOTFOUND huggingface.co"), { code: "ENOTFOUND" }) }));

let cacheDir: string;
beforeEach(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), "kokoro-preflight-"));
});
afterEach(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

async function install(file: AssetFile, from: string): Promise<void> {
  const dest = cachePath(cacheDir, file.fileName);
  await mkdir(path.dirname(dest), { recursive: true });
  await symlink(from, dest);
}

describe("missingAssets", () => {
  it("lists what the cache lacks, each with its kind, URL, sha256 and destination; installed files are not listed", async () => {
    expect((await missingAssets({ cacheDir })).map((f) => f.url)).toEqual(ALL.map((f) => f.url));
    await install(VOICES_NPZ, SHARED_NPZ);
    for (const name of LEXICON_NAMES) await install(LEXICONS[name], path.join(MISAKI_DIR, `${name}.json`));
    const missing = await missingAssets({ cacheDir });
    expect(missing).toEqual([
      { url: findVariant("q8").file.url, dest: cachePath(cacheDir, findVariant("q8").file.fileName), kind: "model", sha256: findVariant("q8").file.sha256, size: undefined, approxBytes: findVariant("q8").file.approxBytes },
    ]);
    expect(await missingAssets({ cacheDir, kinds: ["voices", "lexicon"] })).toEqual([]);
    expect(await missingAssets({ cacheDir, modelPath: FIXTURE_MODEL })).toEqual([]);
  });
});

describe("preflightAssets", () => {
  it("offline, one error lists all six files with the flag and variable of each kind", async () => {
    const err = await preflightAssets({ cacheDir, fetchImpl: offline }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(NetworkUnavailableError);
    const message = err!.message;
    expect(message).toMatch(/^cannot download the model, the voices and the misaki lexicons: cannot reach .*\(getaddrinfo ENOTFOUND huggingface\.co\)\./);
    for (const file of ALL) {
      expect(message).toContain(file.url);
      expect(message).toContain(`save as ${cachePath(cacheDir, file.fileName)}`);
      expect(message).toContain(`sha256 ${file.sha256!}`);
    }
    for (const s of ["--model FILE", "KOKORO_MODEL", "--voices PATH", "KOKORO_VOICES", "--lexicons DIR", "KOKORO_LEXICONS"]) expect(message).toContain(s);
  });

  it("with downloading off, lists the missing files without asking the network", async () => {
    let asked = 0;
    const counting: typeof fetch = (...args) => {
      asked++;
      return offline(...args);
    };
    const attempt = preflightAssets({ cacheDir, modelPath: FIXTURE_MODEL, autoDownload: false, fetchImpl: counting });
    await expect(attempt).rejects.toBeInstanceOf(AssetsMissingError);
    const message = await attempt.then(
      () => "",
      (e: Error) => e.message,
    );
    expect(message).toMatch(/^the voices and the misaki lexicons are not in the cache and automatic download is off/);
    expect(message).not.toContain(findVariant("q8").file.url);
    expect(asked).toBe(0);
  });

  it("names every wrong local path at once", async () => {
    const nowhere = path.join(cacheDir, "nowhere");
    const attempt = preflightAssets({ cacheDir, modelPath: `${nowhere}.onnx`, voicesPath: `${nowhere}.bin`, lexiconDir: nowhere });
    await expect(attempt).rejects.toBeInstanceOf(LocalAssetError);
    await expect(attempt).rejects.toThrow(
      `model file not found: ${nowhere}.onnx (--model or KOKORO_MODEL); voices file not found: ${nowhere}.bin (--voices or KOKORO_VOICES); ` +
        `lexicons folder not found: ${nowhere} (--lexicons or KOKORO_LEXICONS)`,
    );
  });

  it("passes when every missing file's host answers (it downloads nothing itself)", async () => {
    const server = await startFileServer();
    try {
      const reachable: typeof fetch = (input, init) => fetch(server.url(new URL(String(input)).pathname), init);
      await expect(preflightAssets({ cacheDir, fetchImpl: reachable })).resolves.toMatchObject({ missing: expect.any(Array) as unknown });
      expect(server.requests.every((r) => r.method === "HEAD")).toBe(true);
      expect(server.requests.length).toBe(3); // one per host
    } finally {
      await server.close();
    }
  });
});

describe("ensureVoices", () => {
  it("offline, asks for the voice file only, never the model", async () => {
    const attempt = ensureVoices({ cacheDir, fetchImpl: offline, retries: 0 });
    const message = await attempt.then(
      () => "",
      (e: Error) => e.message,
    );
    expect(message).toContain(VOICES_NPZ.url);
    expect(message).toContain("--voices PATH");
    expect(message).not.toContain(findVariant("q8").file.url);
  });

  it("uses the cached voices without a request", async () => {
    await install(VOICES_NPZ, SHARED_NPZ);
    const voices = await ensureVoices({ cacheDir, fetchImpl: offline });
    expect(voices).toBe(cachePath(cacheDir, VOICES_NPZ.fileName));
    expect((await readFile(voices)).length).toBe(VOICES_NPZ.size);
  });
});
