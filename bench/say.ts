// `npm run bench -- say [--runs N] [--long-runs N] [--model shaped|heavy|FILE]`: time from a `kokoro say`
// invocation to the first sample handed to the daemon's sink (TTFA as `say --verbose` reports it: the say
// process's start → the daemon's `started` event), with the daemon already running (warm) and started by that
// say (cold); and the underruns while a 5,000-character text plays in real time. Heavy fixture model (or
// --model), null sink, built CLI (`npm run build`).
// For scale: the server's own TTFA for the same request (HTTP, first byte) and the CLI's start-up (`--version`).
import { execFile, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { daemonRunDir, daemonTokenPath, readDaemonToken } from "../src/player/daemon-token.js";
import { CLI, VOICES_DIR } from "../test/helpers/paths.js";
import { startTestServer } from "../test/helpers/test-server.js";
import { takeModelOption } from "./model-option.js";
import { machine, summarize } from "./stats.js";

const SENTENCE = "The quick brown fox jumps over the lazy dog.";
const LONG = Array.from({ length: 200 }, (_, i) => `Sentence ${i + 1} keeps the reading going for a while.`).join(" ").slice(0, 5000);

const { KOKORO_DAEMON_PORT: _p, KOKORO_SERVER_URL: _s, ...baseEnv } = process.env;
const env = { ...baseEnv, KOKORO_HOME: mkdtempSync(path.join(os.tmpdir(), "kokoro-bench-say-")) };

interface SayRun {
  readonly ttfaMs: number;
  /** TTFA less the time the server took to answer with audio: what the CLI, the daemon and the sink add. */
  readonly overheadMs: number;
  readonly audioSeconds: number;
  readonly rtf: number;
  readonly underruns: number;
  readonly wallMs: number;
}

function runSay(args: string[]): Promise<SayRun> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, "say", "--sink", "null", "--verbose", ...args], { env, maxBuffer: 1 << 20 }, (err, _stdout, stderr) => {
      if (err) return reject(new Error(`say failed: ${stderr}`));
      const num = (re: RegExp): number => Number(re.exec(stderr)?.[1] ?? Number.NaN);
      resolve({
        ttfaMs: num(/TTFA (\d+) ms/),
        overheadMs: num(/TTFA (\d+) ms/) - (num(/first audio byte back at (\d+) ms/) - num(/request sent at (\d+) ms/)),
        audioSeconds: num(/audio ([\d.]+) s/),
        rtf: num(/RTF ([\d.]+)/),
        underruns: num(/underruns (\d+)/),
        wallMs: performance.now() - started,
      });
    });
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

async function daemonPid(port: number): Promise<number | undefined> {
  try {
    // The daemon shows its pid only to a client with its token.
    const token = readDaemonToken(daemonTokenPath(port, daemonRunDir(env)));
    const headers: Record<string, string> = token === undefined ? {} : { Authorization: `Bearer ${token}` };
    return ((await (await fetch(`http://127.0.0.1:${port}/health`, { headers })).json()) as { pid?: number }).pid;
  } catch {
    return undefined;
  }
}

async function stopDaemon(port: number): Promise<void> {
  const pid = await daemonPid(port);
  if (pid === undefined) return;
  process.kill(pid, "SIGTERM");
  while ((await daemonPid(port)) !== undefined) await new Promise((r) => setTimeout(r, 20));
}

/** Time to the first audio byte of the same request straight to the server: what say adds is TTFA minus this. */
function serverTtfa(url: string, input: string): Promise<number> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/v1/audio/speech`, { method: "POST", headers: { "content-type": "application/json" } }, (res) => {
      res.once("data", () => {
        resolve(performance.now() - t);
        req.destroy();
      });
      res.on("error", () => {});
    });
    req.on("error", reject);
    req.end(JSON.stringify({ input, response_format: "pcm" }));
  });
}

/** Wall time of `kokoro --version`: the CLI's own start-up (loading its modules), part of every cold figure. */
function cliStartup(): Promise<number> {
  const t = performance.now();
  return new Promise((resolve, reject) => execFile(process.execPath, [CLI, "--version"], { env }, (err) => (err ? reject(err) : resolve(performance.now() - t))));
}

export async function say(argv: string[]): Promise<Record<string, unknown>> {
  const { model, rest } = await takeModelOption(argv, "heavy");
  const { values } = parseArgs({ args: rest, options: { runs: { type: "string", default: "10" }, "long-runs": { type: "string", default: "1" } } });
  const runs = Math.max(1, Number(values.runs));
  const longRuns = Math.max(0, Number(values["long-runs"]));
  const server = await startTestServer({ model: model.path, voices: VOICES_DIR, intraOpThreads: undefined, audioCacheMB: 0 });
  const serverArgs = ["--server", server.url];
  const ports: number[] = [];
  try {
    const startup: number[] = [];
    const direct: number[] = [];
    await serverTtfa(server.url, SENTENCE); // warm-up
    for (let i = 0; i < runs; i++) {
      startup.push(await cliStartup());
      direct.push(await serverTtfa(server.url, SENTENCE));
      await new Promise((r) => setTimeout(r, 200)); // the hung-up request's call finishes
    }

    const cold: SayRun[] = [];
    for (let i = 0; i < runs; i++) {
      const port = await freePort();
      ports.push(port);
      cold.push(await runSay([SENTENCE, ...serverArgs, "--daemon-port", String(port)]));
      await stopDaemon(port);
    }

    const port = await freePort();
    ports.push(port);
    const daemon = spawn(process.execPath, [CLI, "daemon", "--port", String(port), "--sink", "null", "--log-level", "warn"], { env, stdio: "ignore" });
    while ((await daemonPid(port)) === undefined) await new Promise((r) => setTimeout(r, 20));
    await runSay([SENTENCE, ...serverArgs, "--daemon-port", String(port)]); // warm-up
    const warm: SayRun[] = [];
    for (let i = 0; i < runs; i++) warm.push(await runSay([SENTENCE, ...serverArgs, "--daemon-port", String(port)]));

    const long: SayRun[] = [];
    for (let i = 0; i < longRuns; i++) long.push(await runSay([...serverArgs, "--daemon-port", String(port), "--", LONG]));
    daemon.kill("SIGTERM");

    return {
      bench: "say",
      machine: machine(),
      model: model.name,
      sink: "null (real time)",
      sentence: { chars: SENTENCE.length, runs },
      cliStartupMs: summarize(startup),
      serverTtfaMs: summarize(direct),
      ttfaWarmMs: summarize(warm.map((r) => r.ttfaMs)),
      ttfaColdMs: summarize(cold.map((r) => r.ttfaMs)),
      // Per run, TTFA minus the server's own wait (request → first audio byte): CLI start-up, daemon, sink.
      overheadWarmMs: summarize(warm.map((r) => r.overheadMs)),
      overheadColdMs: summarize(cold.map((r) => r.overheadMs)),
      chars5000: long.map((r) => ({
        chars: LONG.length,
        audioSeconds: r.audioSeconds,
        ttfaMs: r.ttfaMs,
        rtf: r.rtf,
        underruns: r.underruns,
        wallSeconds: Math.round(r.wallMs) / 1000,
      })),
    };
  } finally {
    for (const p of ports) await stopDaemon(p).catch(() => {});
    await server.close();
  }
}
