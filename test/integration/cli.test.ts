import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { phonemesToIds } from "../../src/g2p/vocab.js";
import { CLI, FIXTURE_MODEL, MISAKI_DIR, VOICES_DIR, VOICES_NPZ } from "../helpers/paths.js";
import { expectAudioOfPlan, parseWav, pcmToInt16, voiceStyle00, plannedChunksStandalone } from "../helpers/test-server.js";

const exec = promisify(execFile);
const scratch = mkdtempSync(path.join(os.tmpdir(), "kokoro-cli-"));
const env = { ...process.env, XDG_CONFIG_HOME: scratch, KOKORO_HOME: path.join(scratch, "cache"), KOKORO_LEXICONS: MISAKI_DIR };

function kokoro(args: string[], input?: string): Promise<{ stdout: string; stderr: string }> {
  const child = exec(process.execPath, [CLI, ...args], { env, timeout: 60_000 });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  return child;
}


describe("kokoro CLI", () => {
  it("--help lists every command", async () => {
    const { stdout } = await kokoro(["--help"]);
    for (const cmd of ["serve", "download", "voices", "say", "daemon", "stop", "pause", "resume", "skip", "normalize", "phonemize"]) expect(stdout).toContain(cmd);
    const serve = await kokoro(["serve", "--help"]);
    expect(serve.stdout).toMatch(/--model <path>[\s\S]*--voices <path>[\s\S]*--variant <name>/);
  });

  it("say --local --out writes a WAV that ffprobe reads and that decodes to the text's tokens", async () => {
    const out = path.join(scratch, "hello.wav");
    const text = "Hello from the command line.";
    const { stdout } = await kokoro(["say", text, "--local", "--out", out, "--model", FIXTURE_MODEL, "--voices", VOICES_DIR, "--voice", "af_heart"]);
    expect(stdout).toMatch(/wrote .*hello\.wav/);

    const probe = await exec("ffprobe", ["-v", "error", "-show_streams", "-of", "json", out]);
    const stream = (JSON.parse(probe.stdout) as { streams: { codec_name: string; sample_rate: string; channels: number; duration: string }[] }).streams[0]!;
    expect(stream).toMatchObject({ codec_name: "pcm_s16le", sample_rate: "24000", channels: 1 });

    const wav = parseWav(readFileSync(out));
    expect(Number(stream.duration)).toBeCloseTo(wav.samples.length / 24000, 3);
    expectAudioOfPlan(wav.samples, await plannedChunksStandalone(text), 1, (n) => voiceStyle00("af_heart", n));
  });

  it("say --local reads stdin and writes raw PCM for .pcm, honouring --speed", async () => {
    const out = path.join(scratch, "stdin.pcm");
    const text = "Read from standard input.";
    await kokoro(["say", "--local", "--out", out, "--model", FIXTURE_MODEL, "--voices", VOICES_NPZ, "--speed", "2"], text);
    const samples = pcmToInt16(readFileSync(out));
    expectAudioOfPlan(samples, await plannedChunksStandalone(text), 2, (n) => voiceStyle00("af_heart", n));
  });

  it("say --local rejects bad input with the server's messages", async () => {
    const out = path.join(scratch, "bad.wav");
    const err = await kokoro(["say", "hi", "--local", "--out", out, "--model", FIXTURE_MODEL, "--voices", VOICES_DIR, "--speed", "9"]).then(
      () => null,
      (e: unknown) => e as { code: number; stderr: string },
    );
    expect(err?.code).toBe(1);
    expect(err?.stderr).toMatch(/speed must be between 0.25 and 4/);
    const ext = await kokoro(["say", "hi", "--local", "--out", path.join(scratch, "x.xyz"), "--model", FIXTURE_MODEL, "--voices", VOICES_DIR]).then(
      () => null,
      (e: unknown) => e as { stderr: string },
    );
    expect(ext?.stderr).toMatch(/use \.wav, \.pcm, \.mp3/);
  });

  it("voices lists the voices and the OpenAI names", async () => {
    const { stdout } = await kokoro(["voices", "--voices", VOICES_DIR]);
    expect(stdout).toMatch(/^af_heart\s+en-us\s+female$/m);
    expect(stdout).toMatch(/^alloy\s+→ af_alloy$/m);
    const json = JSON.parse((await kokoro(["voices", "--voices", VOICES_NPZ, "--json"])).stdout) as { voices: unknown[] };
    expect(json.voices).toHaveLength(54);
  });

  it("serve starts, prints its address, becomes ready, speaks, and exits 0 on SIGTERM", async () => {
    const child = spawn(process.execPath, [CLI, "serve", "--port", "0", "--model", FIXTURE_MODEL, "--voices", VOICES_NPZ, "--log-level", "info"], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    try {
      let stdout = "";
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (d: Buffer) => {
          stdout += d.toString();
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
          if (m) resolve(m[1]!);
        });
        child.once("exit", (code) => reject(new Error(`serve exited early (${code}): ${stderr}`)));
      });
      let health = await fetch(`${url}/health`);
      while (health.status === 503) {
        expect(((await health.json()) as { status: string }).status).toBe("loading");
        await new Promise((r) => setTimeout(r, 50));
        health = await fetch(`${url}/health`);
      }
      expect(health.status).toBe(200);
      const res = await fetch(`${url}/v1/audio/speech`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ input: "Served.", response_format: "wav" }),
      });
      expect(res.status).toBe(200);
      expectAudioOfPlan(parseWav(Buffer.from(await res.arrayBuffer())).samples, await plannedChunksStandalone("Served."), 1, (n) =>
        voiceStyle00("af_heart", n),
      );
      child.kill("SIGTERM");
      const [code] = (await once(child, "exit")) as [number | null];
      expect(code).toBe(0);
      // The effective config is logged once at start-up.
      expect(stderr.match(/"msg":"config"/g)).toHaveLength(1);
      expect(stderr).toMatch(/"msg":"shutting down"/);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  it("normalize prints the normalized text; --lines gives one output line per input line", async () => {
    const { stdout } = await kokoro(["normalize", "Dr. Smith paid $5."]);
    expect(stdout.trim()).toMatch(/^doctor smith paid five dollars\.$/i);
    const gb = await kokoro(["normalize", "--lang", "en-gb", "01/05/2024"]);
    expect(gb.stdout).toMatch(/may/i);
    const lines = await kokoro(["normalize", "--lines"], "3.5\n\nHello\nline two.\n");
    expect(lines.stdout.split("\n").slice(0, -1)).toHaveLength(4);
    expect(lines.stdout.split("\n")[0]).toMatch(/three point five/);
    expect(lines.stdout.split("\n")[1]).toBe("");
  });

  it("phonemize prints phonemes or token ids, one line per input line with --lines", async () => {
    const { stdout } = await kokoro(["phonemize", "Hello world."]);
    expect(stdout.trim()).toMatch(/həlˈO wˈɜɹld\./);
    const ids = await kokoro(["phonemize", "--tokens", "Hello world."]);
    expect(ids.stdout.trim().split(" ").map(Number)).toEqual(phonemesToIds(stdout.trim()));
    const lines = await kokoro(["phonemize", "--lines"], "one\ntwo\nthree\n");
    const out = lines.stdout.split("\n").slice(0, -1);
    expect(out).toHaveLength(3);
    expect(out[0]).toMatch(/wˈʌn/);
  });

  it("--lines ends each line as its input does: no '.' added where it has none (as misaki), its own . ? ! kept", async () => {
    const { stdout } = await kokoro(["phonemize", "--lines"], "hello world\nIs it done?\nStop!\nWe left.\n");
    const out = stdout.split("\n").slice(0, -1);
    expect(out).toHaveLength(4);
    expect(out[0]).toMatch(/wˈɜɹld$/);
    expect(out[1]).toMatch(/\?$/);
    expect(out[2]).toMatch(/!$/);
    expect(out[3]).toMatch(/\.$/);
    const normalized = await kokoro(["normalize", "--lines"], "hello world\nIs it done?\n");
    expect(normalized.stdout).toBe("hello world\nIs it done?\n");
  });

  it("download --list prints the catalogue", async () => {
    const { stdout } = await kokoro(["download", "--list"]);
    expect(stdout).toMatch(/q8 \(default\)/);
    expect(stdout).toMatch(/fp32/);
  });
});
