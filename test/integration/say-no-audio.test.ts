// `kokoro say` on a machine that cannot play sound: the built CLI in real processes against a real speech
// server (fixture model), with the audio daemon it starts itself. No sound card, or no player program:
// one clear sentence and a non-zero exit, no TTFA line for audio nobody heard, and no useless daemon left.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { daemonTokenFile } from "../../src/player/daemon-client.js";
import { readDaemonToken } from "../../src/player/daemon-token.js";
import { findOnPath } from "../../src/player/sinks/choose-sink.js";
import { cleanEnv, runCli } from "../helpers/run-cli.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

/** Linux without any sound card, where ffplay is what `auto` picks (no PulseAudio/PipeWire paplay). */
function noSoundCard(): boolean {
  if (process.platform !== "linux" || !findOnPath("ffplay") || findOnPath("paplay")) return false;
  if (!existsSync("/proc/asound/cards")) return true;
  return /no soundcards/i.test(readFileSync("/proc/asound/cards", "utf8"));
}

let server: TestServer;
const env = cleanEnv();
const daemonPids = new Set<number>();
/** Every daemon port a test used: whatever answers there at the end is ended, even after a failed test. */
const ports: number[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const port of ports) await daemonOn(port);
  for (const pid of daemonPids) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  await server?.close();
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      ports.push(port);
      s.close(() => resolve(port));
    });
  });
}

/** The daemon on `port` (its /health with the token), or undefined when none answers. */
async function daemonOn(port: number): Promise<{ sink: string; pid: number } | undefined> {
  const token = readDaemonToken(daemonTokenFile(port, env));
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const health = (await res.json()) as { sink: string; pid: number };
    if (health.pid) daemonPids.add(health.pid);
    return health;
  } catch {
    return undefined;
  }
}

async function gone(port: number, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await daemonOn(port)) === undefined) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

const ADVICE = /^kokoro: no audio output found; use --out FILE or --sink null \(.*\)\n$/;

describe("kokoro say without audio output", () => {
  it.skipIf(!noSoundCard())("no sound card: the auto sink's ffplay cannot open a device; says so, exits 1, prints no TTFA and ends the daemon it started", async () => {
    const port = await freePort();
    const run = await runCli(["say", "Hello there, how are you?", "-v", "--server", server.url, "--daemon-port", String(port)], env);
    expect(run.stderr).toMatch(ADVICE);
    expect(run.stderr).toMatch(/the audio daemon's player, ffplay, could not open a sound device; details in .*daemon\.log/);
    expect(run.stderr).not.toMatch(/TTFA|ALSA|exited \(code/);
    expect(run.code).toBe(1);
    // The daemon it started could play nothing: it is gone, so `say --sink null` next starts a fresh one.
    expect(await gone(port)).toBe(true);

    const retry = await runCli(["say", "Hello there.", "-v", "--sink", "null", "--server", server.url, "--daemon-port", String(port)], env);
    expect(retry.code).toBe(0);
    expect(retry.stderr).toMatch(/^TTFA \d+ ms/m);
    expect((await daemonOn(port))?.sink).toBe("null");
  });

  it("no audio player installed: says so before starting a daemon that could only play into the null sink", async () => {
    const port = await freePort();
    const emptyPath = mkdtempSync(path.join(os.tmpdir(), "kokoro-no-players-"));
    const run = await runCli(["say", "Hello there.", "-v", "--server", server.url, "--daemon-port", String(port)], { ...env, PATH: emptyPath });
    expect(run.stderr).toMatch(ADVICE);
    expect(run.stderr).toMatch(/no audio player is installed: tried /);
    expect(run.stderr).not.toMatch(/TTFA/);
    expect(run.code).toBe(1);
    expect(await daemonOn(port)).toBeUndefined();
  });
});
