// An in-process daemon on a real port with a recording null sink, and a real WebSocket client that logs events.
import { startDaemon, type Daemon } from "../../src/player/daemon-server.js";
import { DaemonSocket } from "../../src/player/daemon-socket.js";
import type { PlayerOptions } from "../../src/player/player.js";
import type { DaemonEvent } from "../../src/player/protocol.js";
import { NullSink } from "../../src/player/sinks/null-sink.js";
import type { Sink } from "../../src/player/sinks/sink.js";

export interface TestDaemon {
  readonly daemon: Daemon;
  readonly sink: NullSink;
  connect(): Promise<TestClient>;
  http(method: string, path: string, body?: unknown, contentType?: string): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export async function startTestDaemon(opts: { player?: PlayerOptions; server?: string; sink?: Sink } = {}): Promise<TestDaemon> {
  const sink = new NullSink({ record: true });
  const daemon = await startDaemon({ sink: opts.sink ?? sink, port: 0, server: opts.server, player: opts.player });
  const clients: TestClient[] = [];
  return {
    daemon,
    sink,
    async connect() {
      const c = new TestClient(await DaemonSocket.connect(daemon.port));
      clients.push(c);
      return c;
    },
    async http(method, path, body, contentType = "application/json") {
      const res = await fetch(`${daemon.url}${path}`, {
        method,
        ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": contentType } }),
      });
      return { status: res.status, body: (await res.json()) as unknown };
    },
    async close() {
      for (const c of clients) c.socket.close();
      await daemon.close();
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
