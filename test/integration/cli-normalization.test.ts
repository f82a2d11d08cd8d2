import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planText } from "../../src/pipeline/front-end.js";
import { MISAKI_DIR } from "../helpers/paths.js";
import { cleanEnv, runCli } from "../helpers/run-cli.js";
import { expectAudioOfPlan, parseWav, startTestServer, voiceStyle00, type TestServer } from "../helpers/test-server.js";

const TEXT = "It weighs 5 kg; see https://example.com/docs now.";
const env = cleanEnv({ KOKORO_LEXICONS: MISAKI_DIR });

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe("--no-normalize on kokoro normalize, phonemize and say", () => {
  it("normalize and phonemize leave the listed classes as written", async () => {
    const all = await runCli(["normalize", TEXT], env);
    expect(all.stdout).toMatch(/five kilograms/);
    expect(all.stdout).not.toMatch(/https/);
    const some = await runCli(["normalize", "--no-normalize", "units,urls", TEXT], env);
    expect(some.code, some.stderr).toBe(0);
    expect(some.stdout).toMatch(/5 kg/);
    expect(some.stdout).toContain("see https://example.com/docs now."); // the URL as written, slashes and all
    const [on, off] = await Promise.all([runCli(["phonemize", "5 kg"], env), runCli(["phonemize", "--no-normalize", "units", "5 kg"], env)]);
    expect(off.code, off.stderr).toBe(0);
    expect(off.stdout).not.toBe(on.stdout);
    expect(on.stdout).toMatch(/^fˈIv kˈɪl/u);
  });

  it("say --out sends them to the server: the audio is the plan without those classes", async () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), "kokoro-cli-norm-")), "out.wav");
    const run = await runCli(["say", TEXT, "--no-normalize", "units", "--voice", "af_heart", "--out", out, "--server", server.url], env);
    expect(run.code, run.stderr).toBe(0);
    const chunks = await planText(TEXT, server.services.frontEnd, { lang: "en-us", codeBlocks: "skip", normalization: { units: false } });
    const usual = await planText(TEXT, server.services.frontEnd, { lang: "en-us", codeBlocks: "skip" });
    expect(chunks.map((c) => c.ids.join(" "))).not.toEqual(usual.map((c) => c.ids.join(" ")));
    expectAudioOfPlan(parseWav(readFileSync(out)).samples, chunks, 1, (n) => voiceStyle00("af_heart", n));
  });

  it("refuses an unknown class on every command in one sentence, before any work", async () => {
    for (const args of [["normalize", "x"], ["phonemize", "x"], ["say", "x", "--out", "/nonexistent-dir/x.wav", "--server", "http://127.0.0.1:9"]]) {
      const run = await runCli([...args, "--no-normalize", "urls,numbers"], env);
      expect(run.code, args[0]).toBe(1);
      expect(run.stderr.trim(), args[0]).toBe("kokoro: --no-normalize: unknown class 'numbers'; use urls, emails, units, phone_numbers, markdown, symbols (comma-separated)");
    }
    const noWait = await runCli(["say", "x", "--no-wait", "--no-normalize", "urls", "--server", "http://127.0.0.1:9"], env);
    expect(noWait.stderr).toMatch(/--no-wait sends the daemon plain text only; drop it to use --no-normalize/);
  });
});
