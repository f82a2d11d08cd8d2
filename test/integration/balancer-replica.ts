// One `kokoro serve` replica for the load-balancer harness: a child process on a fixed loopback port (the
// balancer's config names it), which can be signalled and started again on the same port.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { CLI, FIXTURE_MODEL, MISAKI_DIR, VOICES_DIR } from "../helpers/paths.js";

/** A port nobody listens on now (the OS picks it; it is released at once for the replica to take). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface ReplicaSettings {
  /** KOKORO_DRAIN_DELAY_MS: how long new requests are still served after SIGTERM. */
  readonly drainDelayMs: number;
  /** KOKORO_SHUTDOWN_GRACE_MS. */
  readonly shutdownGraceMs: number;
  /** Streams are paced to the listener: no call starts more than this many seconds ahead (0 = unpaced). */
  readonly maxAheadSeconds: number;
  readonly model?: string;
}

export class Replica {
  private proc: ChildProcessWithoutNullStreams | null = null;
  private log = "";
  /** Its own cache dir, kept across restarts (as a volume would be). */
  private readonly home = mkdtempSync(path.join(os.tmpdir(), "kokoro-replica-"));

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly settings: ReplicaSettings,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The last few KiB of its stderr, for failure messages. */
  get logTail(): string {
    return this.log.slice(-4_000);
  }

  /** Starts `kokoro serve` and resolves once its `/readyz` answers 200. */
  async start(timeoutMs = 120_000): Promise<void> {
    const s = this.settings;
    const proc = spawn(
      process.execPath,
      [CLI, "serve", "--host", "127.0.0.1", "--port", String(this.port), "--model", s.model ?? FIXTURE_MODEL, "--voices", VOICES_DIR, "--lexicons", MISAKI_DIR],
      {
        env: {
          ...process.env,
          KOKORO_HOME: this.home,
          XDG_CONFIG_HOME: this.home,
          KOKORO_DEVICE: "cpu",
          KOKORO_WORKERS: "1",
          KOKORO_INTRA_OP_THREADS: "1",
          KOKORO_ADAPTIVE_CALL_SIZING: "false",
          KOKORO_MAX_AHEAD_SECONDS: String(s.maxAheadSeconds),
          KOKORO_DRAIN_DELAY_MS: String(s.drainDelayMs),
          KOKORO_SHUTDOWN_GRACE_MS: String(s.shutdownGraceMs),
          KOKORO_LOG_LEVEL: "warn",
        },
      },
    );
    this.proc = proc;
    proc.stdout.resume();
    proc.stderr.on("data", (d: Buffer) => (this.log = (this.log + d.toString()).slice(-64_000)));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`replica ${this.name} exited (${proc.exitCode}) while starting: ${this.logTail}`);
      const status = await fetch(`${this.url}/readyz`).then((r) => r.status, () => 0);
      if (status === 200) return;
      if (Date.now() > deadline) throw new Error(`replica ${this.name} not ready after ${timeoutMs} ms: ${this.logTail}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Sends a signal; resolves with the exit code once the process is gone. */
  async stop(signal: "SIGTERM" | "SIGKILL"): Promise<number | null> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return proc?.exitCode ?? null;
    const exited = once(proc, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
    proc.kill(signal);
    const [code] = await exited;
    return code;
  }

  /** The running process's id (for RSS readings). */
  get pid(): number | undefined {
    return this.proc?.pid;
  }
}
