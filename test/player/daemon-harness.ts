// An in-process daemon on a real port with a recording null sink, and a real WebSocket client that logs events.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { startDaemon, type Daemon, type DaemonOptions } from "../../src/player/daemon-server.js";
import { DaemonSocket } from "../../src/player/daemon-socket.js";
import type { PlayerOptions } from "../../src/player/player.js";
import type { DaemonEvent } from "../../src/player/protocol.js";
import { NullSink } from "../../src/player/sinks/null-sink.js";
import type { Sink } from "../../src/player/sinks/sink.js";

export interface RawResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: unknown;
}

export interface TestDaemon {
  readonly daemon: Daemon;
  readonly sink: NullSink;
  /** The token, as a client reads it from the daemon's token file. */
  readonly token: string;
  connect(): Promise<TestClient>;
  /** A request as the daemon's own clients make it: with the token, JSON bodies as application/json. */
  http(method: string, path: string, body?: unknown, contentType?: string): Promise<{ status: number; body: unknown }>;
  /** Exactly these headers (none added, not even the token), with node:http so Host can be anything. */
  raw(method: string, path: string, headers: Record<string, string>, body?: string): Promise<RawResponse>;
  close(): Promise<void>;
}

export interface TestDaemonOptions extends Pick<DaemonOptions, "server" | "allowedServers" | "limits"> {
  player?: PlayerOptions;
  sink?: Sink;
}

export async function startTestDaemon(opts: TestDaemonOptions = {}): Promise<TestDaemon> {
  const sink = new NullSink({ record: true });
  const runDir = mkdtempSync(path.join(os.tmpdir(), "kokoro-daemon-run-"));
  const daemon = await startDaemon({ ...opts, sink: opts.sink ?? sink, port: 0, runDir });
  const token = readFileSync(daemon.tokenFile, "utf8").trim();
  const clients: TestClient[] = [];
  const raw: TestDaemon["raw"] = (method, urlPath, headers, body) =>
    new Promise((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port: daemon.port, method, path: urlPath, headers, setHost: false }, (res) => {
        const parts: Buffer[] = [];
        res.on("data", (d: Buffer) => parts.push(d));
        res.on("end", () => {
          const text = Buffer.concat(parts).toString("utf8");
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text === "" ? undefined : (JSON.parse(text) as unknown) });
        });
      });
      req.on("error", reject);
      req.end(body);
    });
  return {
    daemon,
    sink,
    token,
    async connect() {
      const c = new TestClient(await DaemonSocket.connect(daemon.port, token));
      clients.push(c);
      return c;
    },
    async http(method, path, body, contentType = "application/json") {
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (body !== undefined || method === "POST") headers["content-type"] = contentType;
      const res = await fetch(`${daemon.url}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json()) as unknown };
    },
    raw,
    async close() {
      for (const c of clients) c.socket.close();
      await daemon.close();
      rmSync(runDir, { recursive: true, force: true });
    },
  };
}

export class TestClient {
  readonly events: DaemonEvent[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(readonly socket: DaemonSocket) {
    socket.onEvent((e) => {
      this.events.push(e);
      for (const w of [...this.waiters]) w();
    });
  }

  send(message: Record<string, unknown>): void {
    this.socket.send(message);
  }

  frame(seq: number, pcm: Buffer): Promise<void> {
    return this.socket.sendFrame(seq, pcm);
  }

  of<T extends DaemonEvent["type"]>(type: T, id?: string): Extract<DaemonEvent, { type: T }>[] {
    return this.events.filter((e) => e.type === type && (id === undefined || ("id" in e && e.id === id))) as Extract<DaemonEvent, { type: T }>[];
  }

  /** Resolves with the first event (already received or to come) that matches. */
  waitFor<T extends DaemonEvent["type"]>(type: T, id?: string, timeoutMs = 20_000): Promise<Extract<DaemonEvent, { type: T }>> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const hit = this.of(type, id)[0];
        if (!hit) return false;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(hit);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no ${type} event${id ? ` for ${id}` : ""} within ${timeoutMs} ms; got ${JSON.stringify(this.events.slice(-5))}`));
      }, timeoutMs);
      if (!check()) this.waiters.add(check);
    });
  }
}

/** s16le audio whose samples are all non-zero and distinct from the silence the daemon fills underruns with. */
export function tone(samples: number, base = 1): Buffer {
  const b = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) b.writeInt16LE(((base + i) % 30_000) + 1, i * 2);
  return b;
}

/** The recorded audio without silence fills (zero samples). */
export function withoutSilence(pcm: Buffer): Buffer {
  const out: number[] = [];
  for (let i = 0; i + 1 < pcm.length; i += 2) {
    const v = pcm.readInt16LE(i);
    if (v !== 0) out.push(v);
  }
  const b = Buffer.alloc(out.length * 2);
  out.forEach((v, i) => b.writeInt16LE(v, i * 2));
  return b;
}

export function chunks(pcm: Buffer, bytes: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < pcm.length; i += bytes) out.push(pcm.subarray(i, i + bytes));
  return out;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
