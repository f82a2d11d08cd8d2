import { once } from "node:events";
import WebSocket from "ws";
import { daemonUrl } from "./daemon-client.js";
import { tokenHeader } from "./daemon-token.js";
import { encodeFrame } from "./frame.js";
import { errorMessageOf, readJson } from "./http-request.js";
import type { DaemonEvent } from "./protocol.js";

/** Frames a client keeps in flight before it waits for the socket to drain. */
const HIGH_WATER_BYTES = 1 << 20;

/** A client's WebSocket to the daemon: JSON control messages and numbered audio frames out, events in. */
export class DaemonSocket {
  private readonly listeners = new Set<(event: DaemonEvent) => void>();
  readonly closed: Promise<void>;

  private constructor(private readonly ws: WebSocket) {
    ws.on("message", (data, isBinary) => {
      if (isBinary) return;
      let event: DaemonEvent;
      try {
        event = JSON.parse(String(data)) as DaemonEvent;
      } catch {
        return;
      }
      for (const listener of this.listeners) listener(event);
    });
    this.closed = once(ws, "close").then(() => undefined);
    ws.on("error", () => {});
  }

  /** Connects with the daemon's token (from its token file: see daemon-token.ts). */
  static async connect(port: number, token: string, timeoutMs = 5000): Promise<DaemonSocket> {
    const ws = new WebSocket(`${daemonUrl(port).replace("http:", "ws:")}/ws`, { handshakeTimeout: timeoutMs, headers: tokenHeader(token) });
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
      ws.once("unexpected-response", (_req, res) => {
        void readJson(res).then((body) => {
          reject(new Error(`the daemon refused the connection: ${errorMessageOf(body, res)}`));
          ws.terminate();
        });
      });
    });
    return new DaemonSocket(ws);
  }

  /** Calls `listener` with every event; returns the unsubscribe function. */
  onEvent(listener: (event: DaemonEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  send(message: Record<string, unknown>): void {
    this.ws.send(JSON.stringify(message));
  }

  /** One audio frame; waits while too much is already queued on the socket (backpressure). */
  async sendFrame(seq: number, pcm: Buffer): Promise<void> {
    this.ws.send(encodeFrame(seq, pcm));
    while (this.ws.bufferedAmount > HIGH_WATER_BYTES && this.ws.readyState === WebSocket.OPEN) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Resolves once everything sent so far has been handed to the OS. */
  async flushed(): Promise<void> {
    while (this.ws.bufferedAmount > 0 && this.ws.readyState === WebSocket.OPEN) await new Promise((resolve) => setTimeout(resolve, 2));
  }

  close(): void {
    this.ws.close();
  }
}
