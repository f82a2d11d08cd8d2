import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from "vitest";
import { cachePath } from "../../src/assets/cache-dir.js";
import { LEXICONS, LEXICON_NAMES, VOICES_NPZ, VOICE_BINS, findVariant, type AssetFile } from "../../src/assets/catalogue.js";
import { NetworkUnavailableError } from "../../src/assets/download-errors.js";
import { ensureLexicons, ensureModelAssets } from "../../src/assets/ensure.js";
import type { AssetProgress } from "../../src/assets/progress.js";
import { startFileServer, unusedPort, type FileServer } from "../helpers/http-file-server.js";

const SHARED = fileURLToPath(new URL("../../../shared/data/", import.meta.url));

/** The path under which the local server serves a catalogue URL: "/<host>/<path>". */
function localPath(url: string): string {
  const { host, pathname } = new URL(url);
  return `/${host}${pathname}`;
}

/** A fetch that sends catalogue URLs to the local server instead of the internet. */
function viaServer(server: FileServer): typeof fetch {
  return (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    return fetch(server.url(localPath(url)), init);
  };
}

const FAKE_MODEL = randomBytes(64_000);

let server: FileServer;
let cacheDir: string;

beforeAll(async () => {
  server = await startFileServer();
  // Real published bytes, so the catalogue's checksums are exercised end to end.
  server.set(localPath(VOICES_NPZ.url), await readFile(`${SHARED}voices-v1.0.bin`));
  for (const file of VOICE_BINS) server.set(localPath(file.url), await readFile(`${SHARED}voices/${path.posix.basename(file.url)}`));
  for (const name of LEXICON_NAMES) server.set(localPath(LEXICONS[name].url), await readFile(`${SHARED}misaki/${name}.json`));
  // No real weights here: v1.0-fp16 is the one variant with neither a published size nor sha256.
  server.set(localPath(findVariant("v1.0-fp16").file.url), FAKE_MODEL);
});

afterAll(async () => {
  await server.close();
});

beforeEach(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), "kokoro-cache-"));
  server.requests.length = 0;
});

afterEach(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

describe("ensureModelAssets", () => {
  it("downloads a variant and the npz voices into the cache and returns their paths", async () => {
    const seen: AssetProgress[] = [];
    const assets = await ensureModelAssets({
      variant: "v1.0-fp16",
      cacheDir,
      fetchImpl: viaServer(server),
      onProgress: (p) => seen.push(p),
    });

    expect(assets.variant).toBe("v1.0-fp16");
    expect(assets.modelPath).toBe(cachePath(cacheDir, "kokoro-onnx/model-files-v1.0/kokoro-v1.0.fp16.onnx"));
    expect(assets.voicesPath).toBe(cachePath(cacheDir, "kokoro-onnx/model-files-v1.0/voices-v1.0.bin"));
    expect((await readFile(assets.modelPath)).equals(FAKE_MODEL)).toBe(true);
    expect((await readFile(assets.voicesPath)).length).toBe(VOICES_NPZ.size);

    const last = seen.at(-1);
    expect(last).toMatchObject({ filesDone: 2, fileCount: 2, fraction: 1, bytesDone: FAKE_MODEL.length + (VOICES_NPZ.size ?? 0) });
    const fractions = seen.flatMap((p) => (p.fraction === undefined ? [] : [p.fraction]));
    expect(fractions.every((f) => f >= 0 && f <= 1)).toBe(true);
  });

  it("makes no request and reports no progress when everything is cached", async () => {
    const options = { variant: "v1.0-fp16", cacheDir, fetchImpl: viaServer(server) };
    await ensureModelAssets(options);
    server.requests.length = 0;
    const seen: AssetProgress[] = [];
    await ensureModelAssets({ ...options, onProgress: (p) => seen.push(p) });
    expect(server.requests).toEqual([]);
    expect(seen).toEqual([]);
  });

  it("downloads the 54 per-voice .bin files into one folder", async () => {
    const assets = await ensureModelAssets({ variant: "v1.0-fp16", voices: "bin", cacheDir, fetchImpl: viaServer(server) });
    const names = (await readdir(assets.voicesPath)).filter((n) => n.endsWith(".bin"));
    expect(names).toHaveLength(54);
    const heart = await readFile(path.join(assets.voicesPath, "af_heart.bin"));
    expect(createHash("sha256").update(heart).digest("hex")).toBe(VOICE_BINS.find((f) => f.id === "voice:af_heart")?.sha256);
  });

  it("uses local files as given, downloading nothing", async () => {
    const model = path.join(cacheDir, "my.onnx");
    const voices = path.join(cacheDir, "my-voices.bin");
    await writeFile(model, "x");
    await writeFile(voices, "y");
    const assets = await ensureModelAssets({ cacheDir, modelPath: model, voicesPath: voices, fetchImpl: viaServer(server) });
    expect(assets).toEqual({ modelPath: model, voicesPath: voices, variant: null });
    expect(server.requests).toEqual([]);
  });

  it("says which local file is missing", async () => {
    const model = path.join(cacheDir, "nope.onnx");
    await expect(ensureModelAssets({ cacheDir, modelPath: model, voicesPath: model })).rejects.toThrow(
      `model file not found: ${model} (--model or KOKORO_MODEL)`,
    );
  });

  it("rejects an unknown variant with the list of valid names", async () => {
    await expect(ensureModelAssets({ variant: "fp64", cacheDir })).rejects.toThrow(/valid variants: fp32, fp16, q8/);
  });

  it("when offline, lists every missing file with its URL and exact destination", async () => {
    const port = await unusedPort();
    const offline: typeof fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      return fetch(`http://127.0.0.1:${port}${url.pathname}`, init);
    };
    const attempt = ensureModelAssets({ cacheDir, fetchImpl: offline });
    await expect(attempt).rejects.toBeInstanceOf(NetworkUnavailableError);
    const message = await attempt.then(
      () => "",
      (err: Error) => err.message,
    );
    const expected: AssetFile[] = [findVariant("q8").file, VOICES_NPZ];
    for (const file of expected) {
      expect(message).toContain(file.url);
      expect(message).toContain(`save as ${cachePath(cacheDir, file.fileName)}`);
    }
    expect(message).toContain("--model");
    expect(await readdir(cacheDir, { recursive: true }).then((names) => names.filter((n) => /\.(onnx|bin)$/.test(n)))).toEqual([]);
  });
});

describe("ensureLexicons", () => {
  it("downloads the four misaki lexicons, verified against their published checksums", async () => {
    const paths = await ensureLexicons({ cacheDir, fetchImpl: viaServer(server) });
    for (const name of LEXICON_NAMES) {
      expect(paths[name]).toBe(cachePath(cacheDir, `misaki/${name}.json`));
      expect((await readFile(paths[name])).length).toBe(LEXICONS[name].size);
    }
  });

  it("uses a given folder without downloading, and names a missing file", async () => {
    await expect(ensureLexicons({ cacheDir, dir: `${SHARED}misaki` })).resolves.toMatchObject({
      us_gold: path.join(`${SHARED}misaki`, "us_gold.json"),
    });
    await expect(ensureLexicons({ cacheDir, dir: cacheDir })).rejects.toThrow(
      `lexicons folder ${cacheDir} (--lexicons or KOKORO_LEXICONS) lacks us_gold.json, us_silver.json, gb_gold.json, gb_silver.json`,
    );
    expect(server.requests).toEqual([]);
  });
});
