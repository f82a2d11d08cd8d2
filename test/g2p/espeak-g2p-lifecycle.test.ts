import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { EspeakG2P } from "../../src/g2p/espeak-g2p.js";

// A stand-in worker that speaks espeak-worker/protocol.ts and misbehaves on request.
const STAND_IN = `
import { parentPort } from "node:worker_threads";
parentPort.on("message", ({ id, text }) => {
  if (text === "crash") throw new Error("stand-in crashed");
  if (text === "exit") process.exit(7);
  if (text === "hang") return;
  if (text === "fail") return parentPort.postMessage({ id, error: "no voice" });
  parentPort.postMessage({ id, phonemes: "echo " + text });
});
`;

describe("EspeakG2P worker lifecycle", () => {
  let dir = "";
  let workerUrl: URL;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "espeak-g2p-"));
    const file = join(dir, "stand-in-worker.mjs");
    await writeFile(file, STAND_IN);
    workerUrl = pathToFileURL(file);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("rejects the pending call when the worker crashes, and starts a fresh worker next time", async () => {
    const g2p = new EspeakG2P({ workerUrl });
    try {
      await expect(g2p.phonemize("crash", "en-us")).rejects.toThrow(/espeak worker crashed: stand-in crashed/);
      expect(await g2p.phonemize("again", "en-us")).toBe("echo again");
      expect(g2p.stats().workerStarts).toBe(2);
    } finally {
      await g2p.close();
    }
  });

  it("rejects every pending call when the worker exits", async () => {
    const g2p = new EspeakG2P({ workerUrl });
    try {
      const waiting = expect(g2p.phonemize("hang", "en-us")).rejects.toThrow(/exited unexpectedly \(code 7\)/);
      const exiting = expect(g2p.phonemize("exit", "en-gb")).rejects.toThrow(/exited unexpectedly \(code 7\)/);
      await Promise.all([waiting, exiting]);
      expect(g2p.stats().pending).toBe(0);
      expect(await g2p.phonemize("fine", "en-us")).toBe("echo fine");
    } finally {
      await g2p.close();
    }
  });

  it("passes an error answer on without losing the worker, and does not cache it", async () => {
    const g2p = new EspeakG2P({ workerUrl });
    try {
      await expect(g2p.phonemize("fail", "en-us")).rejects.toThrow(/espeak failed: no voice/);
      await expect(g2p.phonemize("fail", "en-us")).rejects.toThrow(/espeak failed/);
      expect(g2p.stats()).toMatchObject({ workerStarts: 1, workerCalls: 2, cacheEntries: 0 });
    } finally {
      await g2p.close();
    }
  });

  it("rejects an unsupported language without asking the worker", async () => {
    const g2p = new EspeakG2P({ workerUrl });
    try {
      await expect(g2p.phonemize("hi", "fr" as never)).rejects.toThrow(/unsupported language "fr"/);
      expect(g2p.stats().workerStarts).toBe(0);
    } finally {
      await g2p.close();
    }
  });

  it("close() rejects pending calls and later ones", async () => {
    const g2p = new EspeakG2P({ workerUrl });
    const waiting = expect(g2p.phonemize("hang", "en-us")).rejects.toThrow(/closed/);
    await g2p.close();
    await waiting;
    await expect(g2p.phonemize("late", "en-us")).rejects.toThrow(/closed/);
  });

  it("evicts the least recently used entry when the cache is full", async () => {
    const g2p = new EspeakG2P({ workerUrl, cacheEntries: 2 });
    try {
      await g2p.phonemize("a", "en-us");
      await g2p.phonemize("b", "en-us");
      await g2p.phonemize("a", "en-us"); // hit: "a" is now the most recent
      await g2p.phonemize("c", "en-us"); // evicts "b"
      const calls = g2p.stats().workerCalls;
      await g2p.phonemize("a", "en-us");
      await g2p.phonemize("c", "en-us");
      expect(g2p.stats().workerCalls).toBe(calls);
      await g2p.phonemize("b", "en-us");
      expect(g2p.stats().workerCalls).toBe(calls + 1);
      expect(g2p.stats().cacheEntries).toBe(2);
    } finally {
      await g2p.close();
    }
  });

  it("does not cache texts longer than maxCachedTextLength", async () => {
    const g2p = new EspeakG2P({ workerUrl, maxCachedTextLength: 5 });
    try {
      await g2p.phonemize("short", "en-us");
      await g2p.phonemize("much longer", "en-us");
      expect(g2p.stats().cacheEntries).toBe(1);
    } finally {
      await g2p.close();
    }
  });
});

/** Runs a module script in a fresh Node process and resolves with how it ended. */
function runNode(
  script: string,
  { typescript = true } = {},
): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  const loader = typescript ? ["--import", import.meta.resolve("tsx")] : [];
  const child = spawn(process.execPath, [...loader, "--input-type=module", "-e", script], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  // Not a speed limit: a process that never exits is the failure this guards against.
  const guard = setTimeout(() => child.kill("SIGKILL"), 50_000);
  return new Promise((resolve) => {
    child.on("close", (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

describe("EspeakG2P and process exit", () => {
  const moduleUrl = new URL("../../src/g2p/espeak-g2p.ts", import.meta.url).href;

  it("lets the process exit after close()", async () => {
    const result = await runNode(`
      const { EspeakG2P } = await import(${JSON.stringify(moduleUrl)});
      const g2p = new EspeakG2P();
      console.log(await g2p.phonemize("Hello world", "en-us"));
      await g2p.close();
    `);
    expect(result.stderr).toBe("");
    expect(result).toMatchObject({ code: 0, signal: null, stdout: "həlˈO wˈɜɹld\n" });
  });

  it("does not hold the process open with an idle worker, even without close()", async () => {
    const result = await runNode(`
      const { EspeakG2P } = await import(${JSON.stringify(moduleUrl)});
      console.log(await new EspeakG2P().phonemize("Hello world", "en-gb"));
    `);
    expect(result).toMatchObject({ code: 0, signal: null, stdout: "həlˈQ wˈɜːld\n" });
  });
});

// The normal case: compiled JavaScript, whose worker is the .js sibling, run by plain Node. The
// build is made by `npm test` (pretest); a bare `vitest run` may find none, or one older than the
// sources, and then skips this.
const distIndex = new URL("../../dist/g2p/index.js", import.meta.url);

function distIsFresh(): boolean {
  const src = new URL("../../src/g2p/", import.meta.url);
  const dist = new URL("../../dist/g2p/", import.meta.url);
  return readdirSync(src, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".ts"))
    .every((name) => {
      const built = new URL(name.replace(/\.ts$/u, ".js"), dist);
      return existsSync(built) && statSync(built).mtimeMs >= statSync(new URL(name, src)).mtimeMs;
    });
}

describe.skipIf(!distIsFresh())("the compiled build in dist/", () => {
  it("runs espeak in its .js worker under plain Node", async () => {
    const result = await runNode(
      `
      const { EspeakG2P } = await import(${JSON.stringify(distIndex.href)});
      const g2p = new EspeakG2P();
      console.log(await g2p.phonemize("Hello world", "en-us"));
      await g2p.close();
    `,
      { typescript: false },
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^h.*O w.*ld\n$/u);
  });
});
