// Real local HTTP servers (node:http on 127.0.0.1, port 0) standing in for the kokoro daemon and kokoro-server.

import { mkdirSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { homedir } from "node:os";
import { dirname } from "node:path";
import { daemonTokenFile } from "../src/lib/daemon-token";

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: unknown;
}

export interface TestServer {
  readonly url: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

type Handler = (req: RecordedRequest, res: ServerResponse) => void;

export async function startServer(handler: Handler, port = 0): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let body: unknown = undefined;
      if (text !== "") {
        try {
          body = JSON.parse(text) as unknown;
        } catch {
          body = text;
        }
      }
      const recorded: RecordedRequest = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body };
      requests.push(recorded);
      handler(recorded, res);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

export interface FakeDaemonOptions {
  readonly port?: number;
  /** When set, every route but /health wants `Authorization: Bearer <token>` (401 otherwise), like the real daemon. */
  readonly token?: string;
  /** Overrides the answer to POST /play. */
  readonly play?: (req: RecordedRequest, res: ServerResponse) => void;
}

/** The daemon's HTTP contract: /health, /play (202 {id}), /stop, /pause, /resume, /skip. */
export function startFakeDaemon(options: FakeDaemonOptions = {}): Promise<TestServer> {
  let state: "idle" | "playing" | "paused" = "idle";
  let next = 1;
  return startServer((req, res) => {
    const authorized = options.token === undefined || req.headers.authorization === `Bearer ${options.token}`;
    if (req.method === "GET" && req.path === "/health")
      return sendJson(res, 200, authorized ? { status: "ok", sink: "fake", state, queued: 0 } : { status: "ok" });
    if (!authorized) return sendJson(res, 401, { error: { message: "missing or wrong daemon token" } });
    if (req.method === "POST" && req.path === "/play") {
      if (options.play) return options.play(req, res);
      const body = req.body as { text?: unknown } | undefined;
      if (typeof body?.text !== "string" || body.text === "")
        return sendJson(res, 400, { error: { message: "text is required" } });
      state = "playing";
      return sendJson(res, 202, { id: `utt-${next++}` });
    }
    if (req.method === "POST" && ["/stop", "/pause", "/resume", "/skip"].includes(req.path)) {
      state = req.path === "/pause" ? "paused" : req.path === "/resume" ? "playing" : "idle";
      return sendJson(res, 200, { state });
    }
    sendJson(res, 404, { error: { message: "not found" } });
  }, options.port);
}

export interface FakeKokoroServerOptions {
  /** "ready" (200), or 503 while "loading" / after "failed". */
  readonly health?: "ready" | "loading" | "failed";
  readonly voices?: unknown;
  /** When set, /v1/audio/voices wants `Authorization: Bearer <apiKey>`. */
  readonly apiKey?: string;
}

export const SAMPLE_VOICES = {
  voices: ["af_heart", "am_michael", "bf_emma"],
  details: [
    { id: "af_heart", language: "en-us", language_name: "English (US)", gender: "female" },
    { id: "am_michael", language: "en-us", language_name: "English (US)", gender: "male" },
    { id: "bf_emma", language: "en-gb", language_name: "English (UK)", gender: "female" },
  ],
  openai_aliases: { alloy: "af_heart" },
};

/** kokoro-server's /health and /v1/audio/voices. */
export function startFakeKokoroServer(options: FakeKokoroServerOptions = {}): Promise<TestServer> {
  return startServer((req, res) => {
    if (req.path === "/health") {
      switch (options.health ?? "ready") {
        case "ready":
          return sendJson(res, 200, { status: "ready", model: "fp32", startup_ms: 1234 });
        case "loading":
          return sendJson(res, 503, { status: "loading", stage: "loading", progress: 0.5, detail: null });
        case "failed":
          return sendJson(res, 503, { status: "failed", error: "model file is corrupt" });
      }
    }
    if (req.path === "/v1/audio/voices") {
      if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
        return sendJson(res, 401, { error: { message: "invalid API key" } });
      }
      return sendJson(res, 200, options.voices ?? SAMPLE_VOICES);
    }
    sendJson(res, 404, { error: { message: "not found" } });
  });
}

/** A port on 127.0.0.1 where nothing listens (it was free a moment ago). */
export async function freePort(): Promise<number> {
  const server = await startServer(() => undefined);
  await server.close();
  return server.port;
}

export async function waitFor(condition: () => boolean, timeoutMs = 5_000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Writes `token` where the extension looks for the token of the daemon at `daemonUrl` (as `kokoro daemon` does). */
export function writeDaemonToken(daemonUrl: string, token: string, env: NodeJS.ProcessEnv = process.env): string {
  const file = daemonTokenFile(daemonUrl, { env, home: homedir() });
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return file;
}
