// Client for the kokoro audio daemon (`kokoro daemon`, 127.0.0.1:8881): it fetches speech from kokoro-server and plays it.

import { readTokenFile } from "./daemon-token";
import { DaemonAuthError, DaemonProtocolError, DaemonRequestError, DaemonUnreachableError } from "./errors";
import {
  ConnectionError,
  errorMessageOf,
  isRecord,
  joinUrl,
  requestJson,
  type FetchLike,
  type JsonResponse,
} from "./http";

export type PlaybackState = "idle" | "playing" | "paused";

export interface DaemonHealth {
  readonly status: "ok";
  readonly sink: string;
  readonly state: PlaybackState;
  readonly queued: number;
}

export interface PlayRequest {
  readonly text: string;
  readonly voice?: string;
  readonly speed?: number;
  /** The kokoro server the daemon fetches the audio from. */
  readonly server?: string;
  /** "replace" (default) stops what is playing; "queue" plays after it. */
  readonly mode?: "replace" | "queue";
  /** For a kokoro server with API keys; the daemon forwards it as `Authorization: Bearer`. Sent only when set. */
  readonly apiKey?: string;
}

export interface DaemonClientOptions {
  readonly baseUrl: string;
  /** The daemon's token file (see daemon-token.ts), read at each request: the daemon writes a new token when it starts. */
  readonly tokenFile?: string;
  readonly fetch?: FetchLike;
  readonly timeoutMs?: number;
}

export interface DaemonClient {
  readonly baseUrl: string;
  health(): Promise<DaemonHealth>;
  play(request: PlayRequest): Promise<{ id: string }>;
  stop(): Promise<PlaybackState | undefined>;
  pause(): Promise<PlaybackState | undefined>;
  resume(): Promise<PlaybackState | undefined>;
  skip(): Promise<PlaybackState | undefined>;
}

const STATES: readonly string[] = ["idle", "playing", "paused"];

export function createDaemonClient(options: DaemonClientOptions): DaemonClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");

  async function call(method: "GET" | "POST", path: string, body?: unknown, timeoutMs?: number): Promise<JsonResponse> {
    const url = joinUrl(baseUrl, path);
    const token = options.tokenFile === undefined ? undefined : readTokenFile(options.tokenFile);
    const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
    let response: JsonResponse;
    try {
      response = await requestJson(url, {
        method,
        body,
        headers,
        fetch: options.fetch,
        timeoutMs: timeoutMs ?? options.timeoutMs,
      });
    } catch (err) {
      if (err instanceof ConnectionError) throw new DaemonUnreachableError(baseUrl, err.reason, { cause: err });
      throw err;
    }
    if (response.status === 401) {
      throw new DaemonAuthError(baseUrl, options.tokenFile, token !== undefined, errorMessageOf(response));
    }
    return response;
  }

  async function control(path: "/stop" | "/pause" | "/resume" | "/skip"): Promise<PlaybackState | undefined> {
    const response = await call("POST", path, {});
    if (response.status === 404) throw new DaemonProtocolError(baseUrl, `POST ${path} answered 404`);
    if (response.status >= 400) throw new DaemonRequestError(response.status, errorMessageOf(response));
    const state = isRecord(response.json) ? response.json.state : undefined;
    return typeof state === "string" && STATES.includes(state) ? (state as PlaybackState) : undefined;
  }

  return {
    baseUrl,

    async health() {
      const response = await call("GET", "/health");
      const json = response.json;
      if (response.status !== 200 || !isRecord(json) || json.status !== "ok") {
        throw new DaemonProtocolError(
          baseUrl,
          `GET /health answered HTTP ${response.status} ${response.text.slice(0, 80)}`.trim(),
        );
      }
      return {
        status: "ok",
        sink: typeof json.sink === "string" ? json.sink : "unknown",
        state: typeof json.state === "string" && STATES.includes(json.state) ? (json.state as PlaybackState) : "idle",
        queued: typeof json.queued === "number" ? json.queued : 0,
      };
    },

    async play(request) {
      const body: Record<string, unknown> = { text: request.text };
      if (request.voice !== undefined) body.voice = request.voice;
      if (request.speed !== undefined) body.speed = request.speed;
      if (request.server !== undefined) body.server = request.server;
      if (request.mode !== undefined) body.mode = request.mode;
      if (request.apiKey !== undefined && request.apiKey !== "") body.apiKey = request.apiKey;
      const response = await call("POST", "/play", body, options.timeoutMs ?? 10_000);
      if (response.status === 404) throw new DaemonProtocolError(baseUrl, "POST /play answered 404");
      if (response.status >= 400) throw new DaemonRequestError(response.status, errorMessageOf(response));
      const id = isRecord(response.json) ? response.json.id : undefined;
      return { id: typeof id === "string" ? id : String(id ?? "") };
    },

    stop: () => control("/stop"),
    pause: () => control("/pause"),
    resume: () => control("/resume"),
    skip: () => control("/skip"),
  };
}
