// `kokoro say`, `kokoro daemon` and `kokoro stop|pause|resume|skip` as a user runs them: the built CLI in real
// processes, a real speech server on the fixture model, daemons on real ports with file sinks.
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PhonemeChunk } from "../../src/plan/types.js";
import { daemonTokenFile } from "../../src/player/daemon-client.js";
import { readDaemonToken } from "../../src/player/daemon-token.js";
import { lossyCalls } from "../player/fixture-tones.js";
import { CLI, FIXTURE_MODEL, MISAKI_DIR, VOICES_DIR } from "../helpers/paths.js";
import { expectAudioOfPlan, parseWav, pcmToInt16, plannedChunks, postSpeech, startTestServer, voiceStyle00, type TestServer } from "../helpers/test-server.js";

let server: TestServer;
const scratch = mkdtempSync(path.join(os.tmpdir(), "kokoro-say-"));
const { KOKORO_DAEMON_PORT: _port, KOKORO_SERVER_URL: _url, ...parentEnv } = process.env;
const env = { ...parentEnv, XDG_CONFIG_HOME: scratch, KOKORO_HOME: path.join(scratch, "cache"), KOKORO_LEXICONS: MISAKI_DIR };
const daemonPids = new Set<number>();

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const pid of daemonPids) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  await server?.close();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function kokoro(args: string[], input?: string, runEnv: NodeJS.ProcessEnv = env): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args], { env: runEnv, timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(input);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** What the CLI reads to talk to the daemon on `port` (in this test's KOKORO_HOME). */
const tokenOf = (port: number): string | undefined => readDaemonToken(daemonTokenFile(port, env));

/** /health with the daemon's token, so it says more than "ok". */
async function health(port: number): Promise<{ status: string; sink: string; state: string; queued: number; pid: number } | undefined> {
  try {
    const token = tokenOf(port);
    const res = await fetch(`http://127.0.0.1:${port}/health`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return (await res.json()) as { status: string; sink: string; state: string; queued: number; pid: number };
  } catch {
    return undefined;
  }
}

/** A stand-in speech server that answers every request 200 and records "METHOD path". */
async function startRecordingServer(): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const s = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ready"}');
  });
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(s.address() as net.AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => s.close(() => resolve())),
  };
}

/** Remembers a daemon's pid so afterAll ends it. */
async function track(port: number): Promise<void> {
  const h = await health(port);
  if (h) daemonPids.add(h.pid);
}

async function until<T>(get: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

const plan = (text: string): Promise<PhonemeChunk[]> => plannedChunks(server.services.frontEnd, text);
const heart = (n: number): number => voiceStyle00("af_heart", n);

async function decodeWithFfmpeg(file: string): Promise<Int16Array> {
  const child = spawn("ffmpeg", ["-v", "error", "-i", file, "-f", "s16le", "-ar", "24000", "-ac", "1", "pipe:1"]);
  const out: Buffer[] = [];
  child.stdout.on("data", (d: Buffer) => out.push(d));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  expect(code).toBe(0);
  return pcmToInt16(Buffer.concat(out));
}

describe("kokoro say through the audio daemon", () => {
  it("starts a daemon when none runs, streams the server's audio into it, reports TTFA and RTF", async () => {
    const port = await freePort();
    const out = path.join(scratch, "played.wav");
    const first = "The daemon starts by itself.";
    const run = await kokoro(["say", first, "--server", server.url, "--daemon-port", String(port), "--sink", `file:${out}`, "--verbose"]);
    await track(port);
    expect(run.stderr).toMatch(/^TTFA \d+ ms \(invocation → first sample to the sink\)$/m);
    expect(run.stderr).toMatch(/^request sent at \d+ ms, first audio byte back at \d+ ms$/m);
    expect(run.stderr).toMatch(/^audio \d+\.\d\d s, received in \d+\.\d\d s: RTF \d+\.\d+$/m);
    expect(run.stderr).toMatch(/^ended: played \d+\.\d\d s, underruns 0$/m);
    expect(run.code).toBe(0);
    expect(await health(port)).toMatchObject({ status: "ok", sink: `file:${out}`, state: "idle", queued: 0 });
    expect(existsSync(path.join(scratch, "cache", "daemon.log"))).toBe(true);
    expectAudioOfPlan(parseWav(readFileSync(out)).samples, await plan(first), 1, heart);

    // The second utterance goes to the running daemon (its sink is the file's): both are there, in order, once.
    const second = "And then it is already there.";
    const again = await kokoro(["say", "--daemon-port", String(port), "--server", server.url], second);
    expect(again.code).toBe(0);
    expectAudioOfPlan(parseWav(readFileSync(out)).samples, [...(await plan(first)), ...(await plan(second))], 1, heart);

    expect((await kokoro(["pause", "--daemon-port", String(port)])).stdout.trim()).toBe("idle");
    expect((await kokoro(["stop", "--daemon-port", String(port)])).stdout.trim()).toBe("idle");

    // The daemon `say` started was configured with say's --server: it fetches from there when handed text.
    const before = readFileSync(out).length;
    expect(await kokoro(["say", "Handed over.", "--no-wait", "--daemon-port", String(port), "--server", server.url])).toMatchObject({ code: 0, stderr: "" });
    await until(async () => ((await health(port))?.state === "idle" && readFileSync(out).length > before ? true : undefined));
  });

  it("kokoro daemon serves; say --no-wait hands it the text and the daemon fetches the audio itself", async () => {
    const port = await freePort();
    const out = path.join(scratch, "nowait.pcm");
    const daemon = spawn(process.execPath, [CLI, "daemon", "--port", String(port), "--sink", `file:${out}`, "--server", server.url], { env, stdio: ["ignore", "pipe", "pipe"] });
    const tokenFile = daemonTokenFile(port, env);
    try {
      const listening = await new Promise<string>((resolve, reject) => {
        daemon.stdout.on("data", (d: Buffer) => resolve(d.toString()));
        daemon.once("exit", (code) => reject(new Error(`daemon exited ${code}`)));
      });
      expect(listening).toMatch(new RegExp(`kokoro daemon listening on http://127\\.0\\.0\\.1:${port} \\(sink file:`));
      // Its token: in KOKORO_HOME/run, readable by this user only; without it nothing but a bare /health answers.
      expect(tokenFile).toBe(path.join(scratch, "cache", "run", `daemon-${port}.token`));
      expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
      expect((await fetch(`http://127.0.0.1:${port}/queue`)).status).toBe(401);
      expect(await (await fetch(`http://127.0.0.1:${port}/health`)).json()).toEqual({ status: "ok" });
      // A server other than its own is refused, say says why, and that server never hears from the daemon.
      const elsewhere = await startRecordingServer();
      try {
        const refused = await kokoro(["say", "Not there.", "--no-wait", "--daemon-port", String(port), "--server", elsewhere.url]);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain(`server ${elsewhere.url} is not allowed: this daemon fetches speech only from ${server.url}`);
        expect(elsewhere.requests).toEqual(["GET /health"]); // say's own check, nothing from the daemon
      } finally {
        await elsewhere.close();
      }
      // A client of another environment (another KOKORO_HOME) has no token for it, and says so.
      const otherHome = path.join(scratch, "other-home");
      const stranger = await kokoro(["pause", "--daemon-port", String(port)], undefined, { ...env, KOKORO_HOME: otherHome });
      expect(stranger.code).toBe(1);
      expect(stranger.stderr).toContain(`the kokoro daemon on port ${port} has no token file at ${path.join(otherHome, "run", `daemon-${port}.token`)}`);
      const text = "Fetched by the daemon.";
      const t0 = Date.now();
      const run = await kokoro(["say", text, "--no-wait", "--daemon-port", String(port), "--speed", "2", "--server", server.url]);
      expect(run).toMatchObject({ code: 0, stderr: "" });
      expect(Date.now() - t0).toBeLessThan(30_000);
      await until(async () => {
        const h = await health(port);
        return h?.state === "idle" && readFileSync(out).length > 0 ? h : undefined;
      });
      expectAudioOfPlan(pcmToInt16(readFileSync(out)), await plan(text), 2, heart);
    } finally {
      daemon.kill("SIGTERM");
    }
    const code = daemon.exitCode ?? (await new Promise<number | null>((resolve) => daemon.once("exit", (c) => resolve(c))));
    expect(code).toBe(0);
    expect(existsSync(tokenFile)).toBe(false); // removed on shutdown
  });

  it("say --local synthesizes in-process and streams into the daemon, no server needed", async () => {
    const port = await freePort();
    const out = path.join(scratch, "local.wav");
    const text = "Made right here.";
    const run = await kokoro(["say", text, "--local", "--model", FIXTURE_MODEL, "--voices", VOICES_DIR, "--daemon-port", String(port), "--sink", `file:${out}`]);
    await track(port);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expectAudioOfPlan(parseWav(readFileSync(out)).samples, await plan(text), 1, heart);
  });

  it("without a server: exits non-zero and says how to start one", async () => {
    const port = await freePort();
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const run = await kokoro(["say", "Hello?", "--server", nowhere, "--daemon-port", String(port), "--sink", "null"]);
    await track(port);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`no kokoro server at ${nowhere} — start one with \`kokoro serve\``);
    const save = await kokoro(["say", "Hello?", "--server", nowhere, "--out", path.join(scratch, "x.wav")]);
    expect(save.code).toBe(1);
    expect(save.stderr).toContain(`no kokoro server at ${nowhere}`);
  });

  it("passes the server's validation messages through, and refuses model flags without --local", async () => {
    const bad = await kokoro(["say", "Hi.", "--server", server.url, "--voice", "nobody", "--out", path.join(scratch, "bad.wav")]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/refused: .*nobody/);
    const model = await kokoro(["say", "Hi.", "--model", "x.onnx"]);
    expect(model.code).toBe(1);
    expect(model.stderr).toMatch(/--model applies only with --local/);
  });

  it("stop, pause, resume and skip with no daemon running say so and succeed", async () => {
    const port = String(await freePort());
    for (const action of ["stop", "pause", "resume", "skip"]) {
      const run = await kokoro([action, "--daemon-port", port]);
      expect(run).toMatchObject({ code: 0, stdout: `no kokoro daemon on 127.0.0.1:${port}; nothing to ${action}\n` });
    }
  });
});

describe("kokoro say --out, every format", () => {
  const text = "Saved in every format.";

  it.each(["wav", "pcm", "flac", "mp3", "opus", "ogg", "aac"])(".%s decodes to the fixture's token sequence", async (ext) => {
    const out = path.join(scratch, `saved.${ext}`);
    const run = await kokoro(["say", text, "--server", server.url, "--out", out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^wrote .*saved\\.${ext} \\(\\d+\\.\\d\\d s, \\w+\\)$`, "m"));
    const chunks = await plan(text);
    if (ext === "wav") {
      const wav = parseWav(readFileSync(out));
      expect(wav.streamed).toBe(false); // exact sizes, so every player reads it
      return expectAudioOfPlan(wav.samples, chunks, 1, heart);
    }
    if (ext === "pcm") return expectAudioOfPlan(pcmToInt16(readFileSync(out)), chunks, 1, heart);
    const decoded = await decodeWithFfmpeg(out);
    if (ext === "flac") return expectAudioOfPlan(decoded, chunks, 1, heart);
    // Lossy: each token's tone is still the right one, located with the lossless rendering of the same request.
    const reference = pcmToInt16(Buffer.from(await (await postSpeech(server.url, { input: text, response_format: "pcm", stream: false })).arrayBuffer()));
    expect(lossyCalls(decoded, reference)).toEqual(chunks.map((c) => c.ids));
    expect(Math.abs(decoded.length - reference.length) / 24_000).toBeLessThan(0.15);
  });
});
