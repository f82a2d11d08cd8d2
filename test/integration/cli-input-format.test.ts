import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { phonemesToIds } from "../../src/g2p/vocab.js";
import { decodeFixtureCalls, samplesPerToken } from "../helpers/fixture-audio.js";
import { CLI, FIXTURE_MODEL, MISAKI_DIR, VOICES_DIR } from "../helpers/paths.js";
import { parseWav } from "../helpers/test-server.js";

const exec = promisify(execFile);
const scratch = mkdtempSync(path.join(os.tmpdir(), "kokoro-cli-format-"));
const env = { ...process.env, XDG_CONFIG_HOME: scratch, KOKORO_HOME: path.join(scratch, "cache"), KOKORO_LEXICONS: MISAKI_DIR };
const kokoro = (args: string[]) => exec(process.execPath, [CLI, ...args], { env, timeout: 60_000 });
const local = ["--local", "--model", FIXTURE_MODEL, "--voices", VOICES_DIR];

describe("kokoro say --ssml / --input-format", () => {
  it("speaks SSML with an exact break, and phonemes as given", async () => {
    const ssmlOut = path.join(scratch, "ssml.wav");
    await kokoro(["say", '<speak>Hi<break time="250ms"/>one</speak>', "--ssml", "--out", ssmlOut, ...local]);
    const calls = decodeFixtureCalls(parseWav(readFileSync(ssmlOut)).samples);
    expect(calls).toHaveLength(2);
    expect(Math.abs(calls[1]!.start - calls[0]!.end - (250 * 24 + 480))).toBeLessThan(samplesPerToken(1));

    const phOut = path.join(scratch, "ph.wav");
    await kokoro(["say", "hˈɛlO wˈɜɹld", "--input-format", "phonemes", "--out", phOut, ...local]);
    expect(decodeFixtureCalls(parseWav(readFileSync(phOut)).samples).map((c) => c.ids)).toEqual([phonemesToIds("hˈɛlO wˈɜɹld")]);
  });

  it("refuses an unknown --input-format and bad SSML in one sentence", async () => {
    const fail = (args: string[]) => kokoro(args).then(() => null, (e: unknown) => e as { code: number; stderr: string });
    expect((await fail(["say", "hi", "--input-format", "xml", "--out", path.join(scratch, "x.wav"), ...local]))?.stderr).toMatch(/--input-format must be one of text, ssml, phonemes/u);
    expect((await fail(["say", "<speak>hi</p>", "--ssml", "--out", path.join(scratch, "y.wav"), ...local]))?.stderr).toMatch(/invalid SSML at line 1, column \d+/u);
  });
});
