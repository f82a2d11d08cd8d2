import { randomUUID } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import type { Logger } from "pino";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { bearerMatches, daemonRunDir, daemonTokenPath, removeDaemonToken, writeDaemonToken } from "./daemon-token.js";
import { DAEMON_HOST, DEFAULT_SERVER_URL } from "./defaults.js";
import { HttpError } from "./http-error.js";
import { Player, type PlayerOptions } from "./player.js";
import { decodeFrame } from "./frame.js";
import { controlSchema, firstIssue, streamPlaySchema, textPlaySchema, type DaemonEvent } from "./protocol.js";
import { checkAdmission, DEFAULT_QUEUE_LIMITS, type QueueLimits } from "./queue-limits.js";
import { checkJsonContentType, checkRequest, type DaemonIdentity } from "./request-guard.js";
import { fetchIntoUtterance } from "./server-source.js";
import type { Sink } from "./sinks/sink.js";
import { SpeechServers } from "./speech-servers.js";
import { Utterance } from "./utterance.js";

export interface DaemonOptions {
  readonly sink: Sink;
  /** 0 picks a free port. */
  readonly port: number;
  readonly host?: string;
  /** The speech server for text that names none (default http://127.0.0.1:8880). */
  readonly server?: string;
  /** More speech-server origins a `/play` may name (default: none; `--allow-server`, KOKORO_DAEMON_ALLOWED_SERVERS). */
  readonly allowedServers?: readonly string[];
  /** Where the token file goes (default: daemonRunDir(), from KOKORO_HOME / XDG_RUNTIME_DIR). */
  readonly runDir?: string;
  readonly limits?: Partial<QueueLimits>;
  readonly logger?: Logger;
  readonly player?: PlayerOptions;
}

export interface Daemon {
  readonly url: string;
  readonly port: number;
  readonly player: Player;
  /** The file holding the token every client must send (mode 0600; removed on close). */
  readonly tokenFile: string;
  /** Connected WebSocket clients. */
  clients(): number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1 << 20;
const CONTROL_TYPES: readonly string[] = controlSchema.options.map((o) => o.shape.type.value);

/**
 * The audio daemon: one Player on one sink, behind HTTP (`/health`, `/play`, `/stop`, `/pause`,
 * `/resume`, `/skip`, `/queue`) and a WebSocket (`/ws`) on 127.0.0.1. Every event goes to every
 * WebSocket client. Only its own clients get in: a loopback Host, no foreign Origin, and the token from its
 * token file (all but the bare `/health`); state changes must be JSON.
 */
export async function startDaemon(opts: DaemonOptions): Promise<Daemon> {
  const limits: QueueLimits = { ...DEFAULT_QUEUE_LIMITS, ...opts.limits };
  const servers = new SpeechServers(opts.server ?? DEFAULT_SERVER_URL, opts.allowedServers);
  // Known once the token file is written, right after listen(); requests wait for it, so none sees a stale token.
  let markReady!: (identity: DaemonIdentity) => void;
  const ready = new Promise<DaemonIdentity>((resolve) => (markReady = resolve));
  const sockets = new Set<WebSocket>();
  const broadcast = (event: DaemonEvent): void => {
    const text = JSON.stringify(event);
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
    if (event.type === "error") opts.logger?.warn({ id: event.id, error: event.message }, "utterance error");
  };
  const player = new Player(opts.sink, broadcast, opts.player);

  /** A new utterance, if the queue has room for it (checked before "replace" empties the queue). */
  const newUtterance = (id: string | undefined, mode: "replace" | "queue", text?: string): Utterance => {
    const items = player.items();
    if (id !== undefined && items.some((i) => i.id === id)) throw new HttpError(400, `id '${id}' is already queued or playing`);
    checkAdmission(items, text, mode, limits);
    return new Utterance(id ?? randomUUID(), text, { maxBytes: limits.maxGapBytes });
  };

  /** Text to speak: the daemon requests the audio itself, only from a server it was configured to use. */
  const playText = (body: unknown): Utterance => {
    const parsed = textPlaySchema.safeParse(body);
    if (!parsed.success) throw new HttpError(400, firstIssue(parsed.error));
    const p = parsed.data;
    const server = servers.resolve(p.server);
    const mode = p.mode ?? "replace";
    const u = newUtterance(p.id, mode, p.text);
    player.add(u, mode);
    void fetchIntoUtterance(u, { server, text: p.text, voice: p.voice, speed: p.speed, lang: p.lang, apiKey: p.apiKey }, player);
    return u;
  };

  const server = http.createServer((req, res) => {
    handleHttp(req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      if (status === 500) opts.logger?.error({ err }, "request failed");
      const headers: Record<string, string> = status === 401 ? { "www-authenticate": 'Bearer realm="kokoro-daemon"' } : {};
      sendJson(res, status, { error: { message: err instanceof Error ? err.message : String(err) } }, headers);
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const identity = await ready;
    const route = `${req.method} ${new URL(req.url ?? "/", "http://x").pathname}`;
    // `/health` answers without the token, but says no more than "a daemon is here" unless the token comes with it.
    const liveness = route === "GET /health";
    checkRequest(req.headers, identity, { open: liveness });
    if (liveness) {
      if (!bearerMatches(req.headers.authorization, identity.token)) return sendJson(res, 200, { status: "ok" });
      return sendJson(res, 200, { status: "ok", sink: opts.sink.name, state: player.state, queued: Math.max(0, player.items().length - 1), pid: process.pid });
    }
    if (route === "GET /queue") return sendJson(res, 200, { items: player.items() });
    if (!ROUTES.includes(route)) throw new HttpError(404, `no route ${route}`);
    checkJsonContentType(req.headers);
    const body = await readJsonBody(req);
    switch (route) {
      case "POST /play":
        return sendJson(res, 202, { id: playText(body).id });
      case "POST /stop":
        return sendJson(res, 200, { state: await player.stop() });
      case "POST /pause":
        return sendJson(res, 200, { state: player.pause() });
      case "POST /resume":
        return sendJson(res, 200, { state: player.resume() });
      case "POST /skip":
        return sendJson(res, 200, { state: await player.skip() });
    }
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 << 20 });
  server.on("upgrade", (req, socket, head) => {
    void ready.then((identity) => {
      try {
        // A web page may open a WebSocket to any local port: the Host, Origin and token checks keep it out.
        checkRequest(req.headers, identity);
        const pathname = new URL(req.url ?? "/", "http://x").pathname;
        if (pathname !== "/ws") throw new HttpError(404, `no WebSocket at ${pathname}`);
      } catch (err) {
        refuseUpgrade(socket, err instanceof HttpError ? err : new HttpError(400, errorText(err)));
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => onSocket(ws));
    });
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
        const mode = parsed.data.mode ?? "replace";
        const u = newUtterance(parsed.data.id, mode);
        if (feed && !feed.buffer.isEnded) player.fail(feed, "a new play started before this stream's end");
        feed = u;
        player.add(u, mode);
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
  const tokenFile = daemonTokenPath(port, opts.runDir ?? daemonRunDir());
  let token: string;
  try {
    token = writeDaemonToken(tokenFile);
  } catch (err) {
    server.close(); // as when listen() fails, the sink stays the caller's to close
    throw new Error(`cannot write the daemon's token file ${tokenFile}: ${errorText(err)}`);
  }
  markReady({ port, token, tokenFile });

  return {
    url: `http://${opts.host ?? DAEMON_HOST}:${port}`,
    port,
    player,
    tokenFile,
    clients: () => sockets.size,
    async close() {
      removeDaemonToken(tokenFile, token);
      for (const ws of sockets) ws.terminate();
      wss.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await player.close();
    },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** The routes that change state: each wants Content-Type: application/json (its body may be empty). */
const ROUTES: readonly string[] = ["POST /play", "POST /stop", "POST /pause", "POST /resume", "POST /skip"];

function refuseUpgrade(socket: Duplex, err: HttpError): void {
  const body = JSON.stringify({ error: { message: err.message } });
  const reason = http.STATUS_CODES[err.status] ?? "Error";
  const auth = err.status === 401 ? 'WWW-Authenticate: Bearer realm="kokoro-daemon"\r\n' : "";
  socket.end(`HTTP/1.1 ${err.status} ${reason}\r\nConnection: close\r\n${auth}Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

/** The body as JSON; an empty body is `{}` (the control routes need none). */
async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req) {
    size += (part as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, "request body is too large");
    parts.push(part as Buffer);
  }
  const text = Buffer.concat(parts).toString("utf8");
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, "request body is not valid JSON");
  }
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
