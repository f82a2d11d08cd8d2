import { randomUUID } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { DAEMON_HOST, DEFAULT_SERVER_URL } from "./defaults.js";
import { Player, type PlayerOptions } from "./player.js";
import { decodeFrame } from "./frame.js";
import { controlSchema, firstIssue, streamPlaySchema, textPlaySchema, type DaemonEvent } from "./protocol.js";
import { fetchIntoUtterance } from "./server-source.js";
import type { Sink } from "./sinks/sink.js";
import { Utterance } from "./utterance.js";

export interface DaemonOptions {
  readonly sink: Sink;
  /** 0 picks a free port. */
  readonly port: number;
  readonly host?: string;
  /** The speech server for text that names none (default http://127.0.0.1:8880). */
  readonly server?: string;
  readonly logger?: Logger;
  readonly player?: PlayerOptions;
}

export interface Daemon {
  readonly url: string;
  readonly port: number;
  readonly player: Player;
  /** Connected WebSocket clients. */
  clients(): number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1 << 20;
const CONTROL_TYPES: readonly string[] = controlSchema.options.map((o) => o.shape.type.value);

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The audio daemon: one Player on one sink, behind HTTP (`/health`, `/play`, `/stop`, `/pause`,
 * `/resume`, `/skip`, `/queue`) and a WebSocket (`/ws`) on 127.0.0.1. Every event goes to every
 * WebSocket client.
 */
export async function startDaemon(opts: DaemonOptions): Promise<Daemon> {
  const sockets = new Set<WebSocket>();
  const broadcast = (event: DaemonEvent): void => {
    const text = JSON.stringify(event);
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
    if (event.type === "error") opts.logger?.warn({ id: event.id, error: event.message }, "utterance error");
  };
  const player = new Player(opts.sink, broadcast, opts.player);
  const defaultServer = opts.server ?? DEFAULT_SERVER_URL;

  const activeIds = (): Set<string> => new Set(player.items().map((i) => i.id));
  const newUtterance = (id: string | undefined, text?: string): Utterance => {
    if (id !== undefined && activeIds().has(id)) throw new HttpError(400, `id '${id}' is already queued or playing`);
    return new Utterance(id ?? randomUUID(), text);
  };

  /** Text to speak: the daemon requests the audio from the server itself. */
  const playText = (body: unknown): Utterance => {
    const parsed = textPlaySchema.safeParse(body);
    if (!parsed.success) throw new HttpError(400, firstIssue(parsed.error));
    const p = parsed.data;
    const u = newUtterance(p.id, p.text);
    player.add(u, p.mode);
    void fetchIntoUtterance(u, { server: (p.server ?? defaultServer).replace(/\/+$/, ""), text: p.text, voice: p.voice, speed: p.speed, lang: p.lang, apiKey: p.apiKey }, player);
    return u;
  };

  const server = http.createServer((req, res) => {
    handleHttp(req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      if (status === 500) opts.logger?.error({ err }, "request failed");
      sendJson(res, status, { error: { message: err instanceof Error ? err.message : String(err) } });
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const route = `${req.method} ${new URL(req.url ?? "/", "http://x").pathname}`;
    switch (route) {
      case "GET /health":
        return sendJson(res, 200, { status: "ok", sink: opts.sink.name, state: player.state, queued: Math.max(0, player.items().length - 1), pid: process.pid });
      case "GET /queue":
        return sendJson(res, 200, { items: player.items() });
      case "POST /play":
        return sendJson(res, 202, { id: playText(await readJsonBody(req)).id });
      case "POST /stop":
        return sendJson(res, 200, { state: await player.stop() });
      case "POST /pause":
        return sendJson(res, 200, { state: player.pause() });
      case "POST /resume":
        return sendJson(res, 200, { state: player.resume() });
      case "POST /skip":
        return sendJson(res, 200, { state: await player.skip() });
      default:
        throw new HttpError(404, `no route ${route}`);
    }
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 << 20 });
  server.on("upgrade", (req, socket, head) => {
    const pathname = new URL(req.url ?? "/", "http://x").pathname;
    // A web page may open a WebSocket to any local port: only local pages and non-browser clients get in.
    if (pathname !== "/ws" || !isLocalOrigin(req.headers.origin)) {
      socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => onSocket(ws));
  });

  function onSocket(ws: WebSocket): void {
    sockets.add(ws);
    let feed: Utterance | undefined; // the stream this client is sending frames for
    const reply = (event: DaemonEvent): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(event));
    };

    ws.on("message", (data: RawData, isBinary: boolean) => {
      try {
        if (isBinary) return onFrame(toBuffer(data));
        onControl(JSON.parse(toBuffer(data).toString("utf8")) as unknown);
      } catch (err) {
        reply({ type: "error", ...(feed ? { id: feed.id } : {}), message: err instanceof SyntaxError ? "message is not JSON" : errorText(err) });
      }
    });
    ws.on("close", () => {
      sockets.delete(ws);
      // A client that goes away mid-stream (Ctrl-C on `kokoro say`) stops what it was sending.
      if (feed && !feed.buffer.isEnded && !feed.done) void player.stop(feed.id);
      feed = undefined;
    });
    ws.on("error", () => {});

    function onFrame(frame: Buffer): void {
      if (!feed) throw new Error("binary frame without a streaming play");
      const { seq, pcm } = decodeFrame(frame);
      try {
        feed.buffer.push(seq, pcm, performance.now());
      } catch (err) {
        player.fail(feed, errorText(err));
        return;
      }
      player.fed();
    }

    function onControl(msg: unknown): void {
      const { type, ...fields } = (msg ?? {}) as { type?: unknown };
      if (type === "play") {
        if ("text" in fields) {
          const u = playText(fields);
          reply({ type: "accepted", id: u.id });
          return;
        }
        const parsed = streamPlaySchema.safeParse(fields);
        if (!parsed.success) throw new Error(firstIssue(parsed.error));
        if (feed && !feed.buffer.isEnded) player.fail(feed, "a new play started before this stream's end");
        const u = newUtterance(parsed.data.id);
        feed = u;
        player.add(u, parsed.data.mode);
        reply({ type: "accepted", id: u.id });
        return;
      }
      if (typeof type !== "string" || !CONTROL_TYPES.includes(type)) {
        throw new Error(`unknown message type ${JSON.stringify(type)}; use ${["play", ...CONTROL_TYPES].join(", ")}`);
      }
      const parsed = controlSchema.safeParse(msg);
      if (!parsed.success) throw new Error(firstIssue(parsed.error));
      const c = parsed.data;
      switch (c.type) {
        case "end":
          if (feed && (c.id === undefined || c.id === feed.id)) {
            feed.buffer.end();
            player.fed();
            feed = undefined;
          }
          return;
        case "pause":
          player.pause();
          return;
        case "resume":
          player.resume();
          return;
        case "stop":
          void player.stop(c.id);
          return;
        case "skip":
          void player.skip();
          return;
        case "queue":
          reply({ type: "queue", items: player.items() });
          return;
      }
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host ?? DAEMON_HOST, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${opts.host ?? DAEMON_HOST}:${port}`,
    port,
    player,
    clients: () => sockets.size,
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await player.close();
    },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const type = req.headers["content-type"];
  // JSON only: a cross-site form or text/plain POST from a web page is refused before it can speak.
  if (type !== undefined && !/^application\/json\b/i.test(type)) throw new HttpError(415, "Content-Type must be application/json");
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req) {
    size += (part as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, "request body is too large");
    parts.push(part as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(parts).toString("utf8")) as unknown;
  } catch {
    throw new HttpError(400, "request body is not valid JSON");
  }
}

function isLocalOrigin(origin: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    return ["localhost", "127.0.0.1", "[::1]"].includes(new URL(origin).hostname);
  } catch {
    return false;
  }
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
