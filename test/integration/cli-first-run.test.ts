// The first start of `kokoro serve` as a user meets it: the built CLI in real processes, an empty cache.
// Offline (or with downloading off) one start-up check lists every missing asset at once; `serve --demo`
// runs on the fixture model without any download; `kokoro voices` needs only the voice file.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { lookup } from "node:dns/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cachePath } from "../../src/assets/cache-dir.js";
import { LEXICONS, LEXICON_NAMES, VOICES_NPZ, findVariant, type AssetFile } from "../../src/assets/catalogue.js";
import { CLI, FIXTURE_MODEL, MISAKI_DIR, REPO_ROOT, VOICES_NPZ as SHARED_VOICES_NPZ } from "../helpers/paths.js";
import { cleanEnv, runCli } from "../helpers/run-cli.js";
import { expectAudioOfPlan, parseWav, plannedChunksStandalone, voiceStyle00 } from "../helpers/test-server.js";

/** Whether this machine can resolve the download hosts (then the real offline path cannot be tested here). */
const online = await lookup("huggingface.co").then(
  () => true,
  () => false,
);

const ALL_ASSETS: readonly AssetFile[] = [findVariant("q8").file, VOICES_NPZ, ...LEXICON_NAMES.map((n) => LEXICONS[n])];

/** Every file is listed with its URL, its sha256 and its place in the cache. */
function expectListed(stderr: string, files: readonly AssetFile[], cacheDir: string): void {
  for (const file of files) {
    expect(stderr).toContain(file.url);
    expect(stderr).toContain(`save as ${cachePath(cacheDir, file.fileName)}`);
    expect(stderr).toContain(`sha256 ${file.sha256!}`);
  }
}

const FLAGS = {
  model: ["--model", "KOKORO_MODEL"],
  voices: ["--voices", "KOKORO_VOICES"],
  lexicons: ["--lexicons", "KOKORO_LEXICONS"],
} as const;

describe("kokoro serve: one start-up check for every asset", () => {
  it("with downloading off and an empty cache, lists the model, the voices and all four lexicons at once, before listening", async () => {
    const env = cleanEnv({ KOKORO_AUTO_DOWNLOAD: "false" });
    const run = await runCli(["serve", "--port", "0"], env);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(/listening on/);
    expect(run.stderr).toMatch(/^kokoro: start-up failed: the model, the voices and the misaki lexicons are not in the cache/);
    expectListed(run.stderr, ALL_ASSETS, env.KOKORO_HOME!);
    for (const [flag, variable] of Object.values(FLAGS)) {
      expect(run.stderr).toContain(flag);
      expect(run.stderr).toContain(variable);
    }
  });

  it.skipIf(online)("offline with an empty cache, the first start lists every missing file with its URL, sha256, path and flag", async () => {
    const env = cleanEnv();
    const run = await runCli(["serve", "--port", "0"], env);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(/listening on/);
    expect(run.stderr).toMatch(/cannot reach huggingface\.co/);
    expectListed(run.stderr, ALL_ASSETS, env.KOKORO_HOME!);
    for (const [flag, variable] of Object.values(FLAGS)) {
      expect(run.stderr).toContain(flag);
      expect(run.stderr).toContain(variable);
    }
  });

  it.skipIf(online)("kokoro download offline lists the same six files at once, not the lexicons only on a second try", async () => {
    const env = cleanEnv();
    const run = await runCli(["download"], env);
    expect(run.code).toBe(1);
    expectListed(run.stderr, ALL_ASSETS, env.KOKORO_HOME!);
    expect(run.stderr).toContain("--lexicons DIR");
  });

  it("with the model and voices given, the lexicons are listed with --lexicons and KOKORO_LEXICONS", async () => {
    // Offline, the real download path; online, the same check with downloading off (nothing is fetched).
    const env = cleanEnv(online ? { KOKORO_AUTO_DOWNLOAD: "false" } : {});
    const run = await runCli(["serve", "--port", "0", "--model", FIXTURE_MODEL, "--voices", SHARED_VOICES_NPZ], env);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(/listening on/);
    expectListed(
      run.stderr,
      LEXICON_NAMES.map((n) => LEXICONS[n]),
      env.KOKORO_HOME!,
    );
    expect(run.stderr).toContain("--lexicons DIR");
    expect(run.stderr).toContain("KOKORO_LEXICONS");
    expect(run.stderr).not.toContain(findVariant("q8").file.url);
  });
});

describe("kokoro serve --demo", () => {
  it("serves the fixture model with the shared voices and lexicons, downloading nothing: tones, not speech", async () => {
    const env = cleanEnv();
    const child = spawn(process.execPath, [CLI, "serve", "--demo", "--port", "0", "--log-level", "warn"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    let stdout = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (d: Buffer) => {
          stdout += d.toString();
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
          if (m) resolve(m[1]!);
        });
        child.once("exit", (code) => reject(new Error(`serve --demo exited early (${code}): ${stderr}`)));
      });
      for (let status = 0; status !== 200; ) {
        status = (await fetch(`${url}/health`)).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(stdout).toMatch(/demo: fixture model .*kokoro-fixture\.onnx \(it plays tones, not speech\)/);
      const res = await fetch(`${url}/v1/audio/speech`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ input: "Hello there.", voice: "af_heart", response_format: "wav" }),
      });
      expect(res.status).toBe(200);
      // The fixture's tones for exactly the planned tokens, in af_heart's style.
      expectAudioOfPlan(parseWav(Buffer.from(await res.arrayBuffer())).samples, await plannedChunksStandalone("Hello there."), 1, (n) =>
        voiceStyle00("af_heart", n),
      );
      child.kill("SIGTERM");
      const [code] = (await once(child, "exit")) as [number | null];
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  it("without the fixture model and local voices and lexicons, says what is missing and how to get it", async () => {
    // A copy of the built package with no test/fixtures and no ../shared/data next to it.
    const root = path.join(mkdtempSync(path.join(os.tmpdir(), "kokoro-demo-pkg-")), "kokoro-server");
    mkdirSync(root);
    for (const entry of ["dist", "bin", "package.json"]) cpSync(path.join(REPO_ROOT, entry), path.join(root, entry), { recursive: true });
    symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(root, "node_modules"), "dir");
    const run = await runCli(["serve", "--demo", "--port", "0"], cleanEnv(), { cli: path.join(root, "bin", "kokoro") });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(/listening on/);
    expect(run.stderr).toMatch(/^kokoro: serve --demo cannot start: /);
    expect(run.stderr).toMatch(/fixture model test\/fixtures\/kokoro-fixture\.onnx is missing: run `npm run fixtures` first/);
    expect(run.stderr).toMatch(/no voices found .*--voices PATH/);
    expect(run.stderr).toMatch(/no misaki lexicons found .*--lexicons DIR/);
  });

  it("refuses --model, which would not be the demo", async () => {
    const run = await runCli(["serve", "--demo", "--model", FIXTURE_MODEL], cleanEnv());
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^kokoro: --demo runs the fixture model: leave out --model and --variant\n$/);
  });
});

describe("kokoro voices", () => {
  it("needs only the voice file: lists the voices from the cache with no model there", async () => {
    const env = cleanEnv();
    const npz = cachePath(env.KOKORO_HOME!, VOICES_NPZ.fileName);
    mkdirSync(path.dirname(npz), { recursive: true });
    symlinkSync(SHARED_VOICES_NPZ, npz);
    const run = await runCli(["voices"], env);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^af_heart\s+en-us\s+female$/m);
  });

  it("with an empty cache and downloading off, names only the voice file and --voices, never the model", async () => {
    const env = cleanEnv({ KOKORO_AUTO_DOWNLOAD: "false", KOKORO_LEXICONS: MISAKI_DIR });
    const run = await runCli(["voices"], env);
    expect(run.code).toBe(1);
    expectListed(run.stderr, [VOICES_NPZ], env.KOKORO_HOME!);
    expect(run.stderr).toContain("--voices PATH");
    expect(run.stderr).not.toContain(findVariant("q8").file.url);
    expect(run.stderr).not.toContain("--model");
  });
});
