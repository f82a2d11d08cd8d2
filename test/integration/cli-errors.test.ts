// Every command with a bad flag or file, as a user types it: the built CLI in real processes. Each failure is
// one `kokoro: …` sentence on stderr that names the flag or the file, with exit status 1: never a raw errno
// message (ENOENT …, stat '…'), never zod's wording (expected number, received NaN), and `serve` says nothing
// about listening when it cannot start.
import { mkdtempSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_MODEL, MISAKI_DIR, VOICES_DIR, VOICES_NPZ } from "../helpers/paths.js";
import { cleanEnv, runCli } from "../helpers/run-cli.js";

const scratch = mkdtempSync(path.join(os.tmpdir(), "kokoro-cli-errors-"));
const missing = path.join(scratch, "no-such-folder");
const aFile = path.join(scratch, "a-file.txt");
writeFileSync(aFile, "not a folder\n");
const env = cleanEnv({ KOKORO_LEXICONS: MISAKI_DIR });

/** Raw messages no user should read. */
const RAW = /ENOENT|ENOTDIR|EISDIR|EACCES|EADDRINUSE|no such file or directory, |stat '|open '|received NaN|Invalid input|Too big|Too small/;

let busy: net.Server;
let busyPort: number;
beforeAll(async () => {
  busy = net.createServer();
  await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
  busyPort = (busy.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

const cases: [string, () => string[], RegExp][] = [
  ["serve --port abc", () => ["serve", "--port", "abc"], /--port must be a number, not "abc"/],
  ["serve --port 99999", () => ["serve", "--port", "99999"], /--port must be at most 65535/],
  ["serve --voices <missing>", () => ["serve", "--port", "0", "--model", FIXTURE_MODEL, "--voices", path.join(missing, "voices.bin")], /voices file not found: .*no-such-folder\/voices\.bin \(--voices or KOKORO_VOICES\)/],
  ["serve --model <missing>", () => ["serve", "--port", "0", "--model", path.join(missing, "m.onnx"), "--voices", VOICES_NPZ], /model file not found: .*m\.onnx \(--model or KOKORO_MODEL\)/],
  ["serve --lexicons <missing>", () => ["serve", "--port", "0", "--model", FIXTURE_MODEL, "--voices", VOICES_NPZ, "--lexicons", missing], /lexicons folder not found: .*no-such-folder \(--lexicons or KOKORO_LEXICONS\)/],
  ["serve --user-lexicon <missing>", () => ["serve", "--port", "0", "--model", FIXTURE_MODEL, "--voices", VOICES_NPZ, "--user-lexicon", path.join(missing, "u.json")], /--user-lexicon .*u\.json: no such file/],
  ["serve --config <missing>", () => ["serve", "--config", path.join(missing, "c.json")], /config file .*c\.json \(--config\) does not exist/],
  ["serve --port <in use>", () => ["serve", "--port", String(busyPort), "--model", FIXTURE_MODEL, "--voices", VOICES_NPZ, "--log-level", "silent"], /port is already in use .*--port or KOKORO_PORT/],
  ["voices --voices <missing>", () => ["voices", "--voices", path.join(missing, "v.bin")], /voices file not found: .*v\.bin \(--voices or KOKORO_VOICES\)/],
  ["download --cache-dir <under a file>", () => ["download", "--no-lexicons", "--cache-dir", path.join(aFile, "cache")], /--cache-dir .*a-file\.txt\/cache: .*a-file\.txt is not a folder/],
  ["normalize --lang xx", () => ["normalize", "--lang", "xx", "hello"], /--lang must be one of en-us, en-gb, es, fr-fr, hi, it, ja, pt-br, zh, .*, not 'xx'/],
  ["phonemize --user-lexicon <missing>", () => ["phonemize", "--user-lexicon", path.join(missing, "u.json"), "hello"], /--user-lexicon .*u\.json: no such file/],
  ["phonemize --lexicons <a file>", () => ["phonemize", "--lexicons", aFile, "hello"], /lexicons folder .*a-file\.txt \(--lexicons or KOKORO_LEXICONS\) is not a folder/],
  ["say --out <missing folder>", () => ["say", "hi", "--out", path.join(missing, "x.wav")], /--out .*x\.wav: the folder .*no-such-folder does not exist; create it first/],
  ["say --file <missing>", () => ["say", "--file", path.join(missing, "t.txt")], /--file .*t\.txt: no such file/],
  ["say --file <a folder>", () => ["say", "--file", scratch], /--file .*: not a file \(it is a folder\)/],
  ["say --speed abc", () => ["say", "hi", "--speed", "abc"], /--speed must be a number, not 'abc'/],
  ["say --daemon-port abc", () => ["say", "hi", "--daemon-port", "abc"], /--daemon-port must be a whole number from 1 to 65535, not 'abc'/],
  ["say --sink bogus", () => ["say", "hi", "--sink", "bogus"], /--sink: unknown sink 'bogus'/],
  ["say --local --voices <missing>", () => ["say", "hi", "--local", "--out", path.join(scratch, "l.wav"), "--model", FIXTURE_MODEL, "--voices", missing], /voices file not found: .*no-such-folder \(--voices or KOKORO_VOICES\)/],
  ["say --local --out <missing folder>", () => ["say", "hi", "--local", "--out", path.join(missing, "l.wav"), "--model", FIXTURE_MODEL, "--voices", VOICES_DIR], /--out .*l\.wav: the folder .* does not exist/],
  ["daemon --port abc", () => ["daemon", "--port", "abc"], /--port must be a whole number from 0 to 65535, not 'abc'/],
  ["daemon --sink bogus", () => ["daemon", "--port", "0", "--sink", "bogus"], /--sink: unknown sink 'bogus'/],
  ["daemon --server notaurl", () => ["daemon", "--port", "0", "--server", "notaurl"], /--server: invalid server URL 'notaurl'/],
  ["stop --daemon-port abc", () => ["stop", "--daemon-port", "abc"], /--daemon-port must be a whole number from 1 to 65535, not 'abc'/],
  ["pause --daemon-port 70000", () => ["pause", "--daemon-port", "70000"], /--daemon-port must be a whole number from 1 to 65535, not '70000'/],
  ["bench variants --texts-file <missing>", () => ["bench", "variants", "--variants", FIXTURE_MODEL, "--voices", VOICES_DIR, "--texts-file", path.join(missing, "t.txt")], /--texts-file .*t\.txt: no such file/],
  ["bench variants --runs abc", () => ["bench", "variants", "--variants", FIXTURE_MODEL, "--voices", VOICES_DIR, "--runs", "abc"], /--runs must be a whole number of at least 1, not 'abc'/],
  ["bench variants --voices <missing>", () => ["bench", "variants", "--variants", FIXTURE_MODEL, "--voices", missing], /voices file not found: .*\(--voices or KOKORO_VOICES\)/],
];

describe("CLI errors: one sentence naming the flag or file, exit status 1", () => {
  it.each(cases)("%s", async (_name, args, message) => {
    const run = await runCli(args(), env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^kokoro: [^\n]+\n$/); // exactly one line
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(RAW);
    expect(run.stdout).not.toMatch(/listening on/);
  });

  it("bench variants --out into a missing folder fails before measuring anything", async () => {
    const run = await runCli(["bench", "variants", "--variants", FIXTURE_MODEL, "--voices", VOICES_DIR, "--out", path.join(missing, "r.json")], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^kokoro: --out .*r\.json: the folder .*no-such-folder does not exist; create it first\n$/);
    expect(run.stdout).toBe("");
  });
});
