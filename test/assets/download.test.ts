import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { downloadFile, type FileProgress } from "../../src/assets/download.js";
import {
  DownloadHttpError,
  DownloadInterruptedError,
  IntegrityError,
  NetworkUnavailableError,
} from "../../src/assets/download-errors.js";
import { startFileServer, unusedPort, type FileServer } from "../helpers/http-file-server.js";

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

const BODY = randomBytes(300_000);
const BODY_SHA = sha256(BODY);

let dir: string;
let server: FileServer;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "kokoro-download-"));
  server = await startFileServer();
});

afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

/** Every name in `dir`, so a test can prove no .part / .lock is left behind. */
async function files(): Promise<string[]> {
  return (await readdir(dir)).sort();
}

describe("downloadFile", () => {
  it("downloads, verifies and installs a file, leaving no .part or .lock", async () => {
    server.set("/model.onnx", BODY);
    const dest = path.join(dir, "model.onnx");
    const result = await downloadFile({ url: server.url("/model.onnx"), dest, sha256: BODY_SHA, size: BODY.length });

    expect(result).toMatchObject({ path: dest, bytes: BODY.length, sha256: BODY_SHA, skipped: false, resumedFrom: 0 });
    expect((await readFile(dest)).equals(BODY)).toBe(true);
    expect(await files()).toEqual(["model.onnx", "model.onnx.sha256.json"]);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.range).toBeUndefined();
    expect(server.requests[0]?.acceptEncoding).toBe("identity");
  });

  it("creates missing parent folders of dest", async () => {
    server.set("/a.bin", BODY);
    const dest = path.join(dir, "deep", "er", "a.bin");
    await downloadFile({ url: server.url("/a.bin"), dest, sha256: BODY_SHA });
    expect((await readFile(dest)).equals(BODY)).toBe(true);
  });

  it("resumes an interrupted download with a Range request", async () => {
    const half = BODY.length / 2;
    server.set("/model.onnx", { body: BODY, dropAfter: half });
    const dest = path.join(dir, "model.onnx");
    const url = server.url("/model.onnx");

    // No automatic retry: the first call fails and keeps the partial file.
    const first = downloadFile({ url, dest, sha256: BODY_SHA, size: BODY.length, retries: 0 });
    await expect(first).rejects.toBeInstanceOf(DownloadInterruptedError);
    const partSize = (await stat(`${dest}.part`)).size;
    expect(partSize).toBeGreaterThan(0);
    expect(partSize).toBeLessThan(BODY.length);
    await expect(stat(dest)).rejects.toMatchObject({ code: "ENOENT" });

    const result = await downloadFile({ url, dest, sha256: BODY_SHA, size: BODY.length, retries: 0 });
    expect(server.requests.map((r) => r.range)).toEqual([undefined, `bytes=${partSize}-`]);
    expect(result.resumedFrom).toBe(partSize);
    expect((await readFile(dest)).equals(BODY)).toBe(true);
    expect(await files()).toEqual(["model.onnx", "model.onnx.sha256.json"]);
  });

  it("resumes on its own within one call when retries are allowed", async () => {
    server.set("/model.onnx", { body: BODY, dropAfter: 100_000, dropTimes: 2 });
    const dest = path.join(dir, "model.onnx");
    const result = await downloadFile({ url: server.url("/model.onnx"), dest, sha256: BODY_SHA, retries: 3, retryDelayMs: 0 });

    expect(server.requests).toHaveLength(3);
    expect(server.requests[1]?.range).toMatch(/^bytes=\d+-$/);
    expect(server.requests[2]?.range).toMatch(/^bytes=\d+-$/);
    expect(result.resumedFrom).toBeGreaterThan(100_000);
    expect((await readFile(dest)).equals(BODY)).toBe(true);
  });

  it("treats a stalled connection as interrupted and resumes", async () => {
    server.set("/model.onnx", { body: BODY, stallAfter: 50_000 });
    const dest = path.join(dir, "model.onnx");
    const url = server.url("/model.onnx");
    const stalled = downloadFile({ url, dest, sha256: BODY_SHA, retries: 0, idleTimeoutMs: 300 });
    await expect(stalled).rejects.toBeInstanceOf(DownloadInterruptedError);

    server.set("/model.onnx", BODY);
    await downloadFile({ url, dest, sha256: BODY_SHA, retries: 0 });
    expect(server.requests.at(-1)?.range).toMatch(/^bytes=\d+-$/);
    expect((await readFile(dest)).equals(BODY)).toBe(true);
  });

  it("starts over cleanly when the server ignores Range and answers 200", async () => {
    server.set("/model.onnx", { body: BODY, ignoreRange: true });
    const dest = path.join(dir, "model.onnx");
    await writeFile(`${dest}.part`, BODY.subarray(0, 1000));
    const result = await downloadFile({ url: server.url("/model.onnx"), dest, sha256: BODY_SHA, size: BODY.length });

    expect(server.requests[0]?.range).toBe("bytes=1000-");
    expect(result.resumedFrom).toBe(0);
    expect((await readFile(dest)).equals(BODY)).toBe(true);
    expect(await files()).toEqual(["model.onnx", "model.onnx.sha256.json"]);
  });

  it("restarts from zero when a stale .part is longer than the file (416)", async () => {
    server.set("/small.bin", BODY.subarray(0, 500));
    const dest = path.join(dir, "small.bin");
    await writeFile(`${dest}.part`, randomBytes(800));
    // No catalogue size, so only the server can tell the part is too long.
    await downloadFile({ url: server.url("/small.bin"), dest, sha256: sha256(BODY.subarray(0, 500)) });

    expect(server.requests.map((r) => r.range)).toEqual(["bytes=800-", undefined]);
    expect((await readFile(dest)).equals(BODY.subarray(0, 500))).toBe(true);
  });

  it("installs a complete .part left by a crash without fetching it again", async () => {
    const dest = path.join(dir, "model.onnx");
    await writeFile(`${dest}.part`, BODY);
    const result = await downloadFile({ url: server.url("/model.onnx"), dest, sha256: BODY_SHA, size: BODY.length });
    expect(server.requests).toHaveLength(0);
    expect(result.resumedFrom).toBe(BODY.length);
    expect((await readFile(dest)).equals(BODY)).toBe(true);
  });

  it("rejects a checksum mismatch: nothing installed, no stray .part", async () => {
    server.set("/model.onnx", BODY);
    const dest = path.join(dir, "model.onnx");
    const wrong = "0".repeat(64);
    const attempt = downloadFile({ url: server.url("/model.onnx"), dest, sha256: wrong });

    await expect(attempt).rejects.toBeInstanceOf(IntegrityError);
    await expect(attempt).rejects.toThrow(/checksum mismatch.*expected sha256 0{64}, got [0-9a-f]{64}.*nothing was installed/s);
    expect(await files()).toEqual([]);
  });

  it("rejects a resumed file whose earlier bytes were corrupt", async () => {
    server.set("/model.onnx", BODY);
    const dest = path.join(dir, "model.onnx");
    await writeFile(`${dest}.part`, randomBytes(1000)); // not the file's first 1000 bytes
    await expect(downloadFile({ url: server.url("/model.onnx"), dest, sha256: BODY_SHA })).rejects.toBeInstanceOf(
      IntegrityError,
    );
    expect(await files()).toEqual([]);
  });

  it("rejects a file whose announced size differs from the catalogue before reading it", async () => {
    server.set("/model.onnx", BODY);
    const dest = path.join(dir, "model.onnx");
    const attempt = downloadFile({ url: server.url("/model.onnx"), dest, size: BODY.length + 1 });
    await expect(attempt).rejects.toThrow(/size mismatch/);
    expect(await files()).toEqual([]);
  });

  it("reports 404 with the URL and status, installing nothing", async () => {
    const dest = path.join(dir, "missing.onnx");
    const url = server.url("/missing.onnx");
    const attempt = downloadFile({ url, dest, sha256: BODY_SHA });

    await expect(attempt).rejects.toBeInstanceOf(DownloadHttpError);
    await expect(attempt).rejects.toThrow(`HTTP 404 Not Found for ${url}`);
    expect(await files()).toEqual([]);
  });

  it("when the server cannot be reached, says what to download, from where, to which path", async () => {
    const url = `http://127.0.0.1:${await unusedPort()}/onnx/model_quantized.onnx`;
    const dest = path.join(dir, "cache", "model_quantized.onnx");
    const attempt = downloadFile({ url, dest, sha256: BODY_SHA, size: 1234 });

    await expect(attempt).rejects.toBeInstanceOf(NetworkUnavailableError);
    const message = await attempt.then(
      () => "",
      (err: Error) => err.message,
    );
    expect(message).toContain("ECONNREFUSED");
    expect(message).toContain(url);
    expect(message).toContain(`save as ${dest}`);
    expect(message).toContain(BODY_SHA);
    expect(message).toContain("--model PATH");
    expect(message).toContain("--voices PATH");
  });

  it("skips a file that is already installed, without a request", async () => {
    server.set("/model.onnx", BODY);
    const dest = path.join(dir, "model.onnx");
    await writeFile(dest, BODY);
    const result = await downloadFile({ url: server.url("/model.onnx"), dest, sha256: BODY_SHA, size: BODY.length });

    expect(result).toMatchObject({ skipped: true, bytes: BODY.length, sha256: BODY_SHA });
    expect(server.requests).toHaveLength(0);
    // The verified hash is remembered, so the next start does not rehash.
    const sidecar = JSON.parse(await readFile(`${dest}.sha256.json`, "utf8")) as { sha256: string };
    expect(sidecar.sha256).toBe(BODY_SHA);
  });

  it("trusts the sidecar only while the file is unchanged, and replaces a corrupt file", async () => {
    server.set("/model.onnx", BODY);
    const dest = path.join(dir, "model.onnx");
    const url = server.url("/model.onnx");
    await downloadFile({ url, dest, sha256: BODY_SHA });

    const corrupt = Buffer.from(BODY);
    corrupt[10] = (corrupt[10] ?? 0) ^ 0xff;
    await writeFile(dest, corrupt); // same size, new mtime: the sidecar no longer applies
    const result = await downloadFile({ url, dest, sha256: BODY_SHA });

    expect(result.skipped).toBe(false);
    expect(server.requests).toHaveLength(2);
    expect((await readFile(dest)).equals(BODY)).toBe(true);
  });

  it("fetches a file once when two downloads of it run at the same time", async () => {
    server.set("/model.onnx", BODY);
    const dest = path.join(dir, "model.onnx");
    const options = { url: server.url("/model.onnx"), dest, sha256: BODY_SHA };
    const results = await Promise.all([downloadFile(options), downloadFile(options)]);

    expect(server.requests).toHaveLength(1);
    expect(results.map((r) => r.skipped).sort()).toEqual([false, true]);
    expect(await files()).toEqual(["model.onnx", "model.onnx.sha256.json"]);
  });

  it("reports progress up to 100%", async () => {
    server.set("/model.onnx", BODY);
    const seen: FileProgress[] = [];
    await downloadFile({ url: server.url("/model.onnx"), dest: path.join(dir, "m"), onProgress: (p) => seen.push(p) });

    expect(seen.length).toBeGreaterThan(1);
    expect(seen[0]).toEqual({ bytesDone: 0, bytesTotal: BODY.length });
    expect(seen.at(-1)).toEqual({ bytesDone: BODY.length, bytesTotal: BODY.length });
    const done = seen.map((p) => p.bytesDone);
    expect(done).toEqual([...done].sort((a, b) => a - b));
  });

  it("stops when aborted and keeps the part file for later", async () => {
    server.set("/model.onnx", { body: BODY, stallAfter: 10_000 });
    const dest = path.join(dir, "model.onnx");
    const controller = new AbortController();
    const attempt = downloadFile({
      url: server.url("/model.onnx"),
      dest,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.bytesDone > 0) controller.abort(new Error("user went away"));
      },
    });
    await expect(attempt).rejects.toThrow("user went away");
    expect(await files()).toEqual(["model.onnx.part"]);
  });
});
