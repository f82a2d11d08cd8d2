// HAProxy in front of the replicas, as a child process: the config a user would write (deploy/haproxy.cfg has
// the same settings), health checks on /readyz, and its stats socket to read what it thinks of each server.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import net from "node:net";
import path from "node:path";

export interface HaproxyOptions {
  /** Health check every interMs; fall failed checks mark a server DOWN, rise good ones mark it UP again. */
  readonly interMs: number;
  readonly fall: number;
  readonly rise: number;
}

/** The haproxy binary: on PATH, or Debian's /usr/sbin (not on a normal user's PATH). */
export function haproxyBinary(): string {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter).concat("/usr/sbin", "/usr/local/sbin")) {
    const candidate = path.join(dir, "haproxy");
    if (dir && existsSync(candidate)) return candidate;
  }
  throw new Error("haproxy is not installed (Debian: apt-get install haproxy); the load-balancer test needs it");
}

/**
 * The config. Worth knowing why each line is there:
 * - `option httpchk` + `http-check send ... uri /readyz`: a replica that is loading or draining leaves the rotation;
 * - `retry-on conn-failure empty-response` + `option redispatch 1`: a request that reached no replica (refused:
 *   it has just exited or been killed, and the checks have not noticed yet) is sent to another one. Speech
 *   requests have no side effects, so resending one that got no answer at all is safe;
 * - no `on-marked-down shutdown-sessions`: streams on a replica that leaves the rotation run to their end;
 * - `X-Served-By`: which replica answered, for the test's bookkeeping.
 */
export function haproxyConfig(frontPort: number, servers: readonly { name: string; port: number }[], o: HaproxyOptions, statsSocket: string): string {
  return `global
  maxconn 2000
  stats socket ${statsSocket} mode 600 level admin

defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  timeout check 1s
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response

frontend tts
  bind 127.0.0.1:${frontPort}
  default_backend kokoro

backend kokoro
  balance leastconn
  option httpchk
  http-check send meth GET uri /readyz ver HTTP/1.1 hdr Host localhost
  http-check expect status 200
  default-server check inter ${o.interMs} fall ${o.fall} rise ${o.rise}
  http-response set-header X-Served-By %s
${servers.map((s) => `  server ${s.name} 127.0.0.1:${s.port}`).join("\n")}
`;
}

export class Haproxy {
  private constructor(
    private readonly proc: ChildProcess,
    readonly url: string,
    private readonly statsSocket: string,
    private readonly output: () => string,
  ) {}

  /** Writes the config, checks it with `haproxy -c`, starts haproxy in the foreground. */
  static async start(dir: string, frontPort: number, servers: readonly { name: string; port: number }[], options: HaproxyOptions): Promise<Haproxy> {
    const bin = haproxyBinary();
    const statsSocket = path.join(dir, "haproxy.sock");
    const configFile = path.join(dir, "haproxy.cfg");
    writeFileSync(configFile, haproxyConfig(frontPort, servers, options, statsSocket));
    const check = spawnSync(bin, ["-c", "-f", configFile], { encoding: "utf8" });
    if (check.status !== 0) throw new Error(`haproxy -c rejected the config: ${check.stdout}${check.stderr}`);
    const proc = spawn(bin, ["-db", "-f", configFile], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    proc.stdout!.on("data", (d: Buffer) => (output += d.toString()));
    proc.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    const haproxy = new Haproxy(proc, `http://127.0.0.1:${frontPort}`, statsSocket, () => output);
    const deadline = Date.now() + 10_000;
    while ((await haproxy.states().catch(() => null)) === null) {
      if (proc.exitCode !== null || Date.now() > deadline) {
        proc.kill("SIGKILL");
        throw new Error(`haproxy did not start: ${output}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return haproxy;
  }

  /** Each server's status as haproxy sees it: "UP", "DOWN", or a transition such as "UP 1/2". */
  async states(): Promise<Map<string, string>> {
    const csv = await this.command("show stat");
    const [header, ...rows] = csv.split("\n").filter((l) => l.length > 0);
    const columns = header!.replace(/^# /, "").split(",");
    const [px, sv, status] = ["pxname", "svname", "status"].map((c) => columns.indexOf(c));
    const states = new Map<string, string>();
    for (const row of rows) {
      const cells = row.split(",");
      if (cells[px!] === "kokoro" && cells[sv!] !== "BACKEND") states.set(cells[sv!]!, cells[status!]!);
    }
    return states;
  }

  /** Polls the stats socket until `server` is exactly `state`; resolves with the time it was seen (performance.now()). */
  async until(server: string, state: "UP" | "DOWN", timeoutMs = 60_000): Promise<number> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const now = performance.now();
      if ((await this.states()).get(server) === state) return now;
      if (now > deadline) throw new Error(`haproxy: ${server} not ${state} after ${timeoutMs} ms: ${JSON.stringify([...(await this.states())])}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async stop(): Promise<void> {
    if (this.proc.exitCode !== null) return;
    const exited = once(this.proc, "exit");
    this.proc.kill("SIGTERM");
    await exited;
  }

  get log(): string {
    return this.output();
  }

  private command(line: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(this.statsSocket);
      let data = "";
      socket.setEncoding("utf8");
      socket.on("connect", () => socket.write(`${line}\n`));
      socket.on("data", (d: string) => (data += d));
      socket.on("end", () => resolve(data));
      socket.on("error", reject);
    });
  }
}
