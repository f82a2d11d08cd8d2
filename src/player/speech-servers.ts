// The speech servers the daemon may fetch from: the one it was started with, and the origins on its allow-list.
// A `/play` may name a server, but only one of these; the daemon then requests the speech path it builds itself
// from its own configured URL, so a caller can never point it (and the API key it sends) anywhere else.
import { HttpError } from "./http-error.js";

export const ALLOWED_SERVERS_ENV = "KOKORO_DAEMON_ALLOWED_SERVERS";

/** Comma-separated origins (`http://host:port`), e.g. from --allow-server or KOKORO_DAEMON_ALLOWED_SERVERS. */
export function parseAllowedServers(raw: string | undefined): string[] {
  const entries = (raw ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "");
  return entries.map((entry) => {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new Error(`allowed server '${entry}' is not a URL (expected an origin such as http://127.0.0.1:8880)`);
    }
    const plain = url.username === "" && url.password === "" && url.search === "" && url.hash === "" && /^\/*$/.test(url.pathname);
    if ((url.protocol !== "http:" && url.protocol !== "https:") || !plain) {
      throw new Error(`allowed server '${entry}' must be an http(s) origin such as http://127.0.0.1:8880 (no path, query or credentials)`);
    }
    return url.origin;
  });
}

export class SpeechServers {
  private readonly configuredOrigin: string;
  private readonly configuredPath: string;
  private readonly allowed: ReadonlySet<string>;

  /** `configured`: the daemon's --server (a base URL, a path allowed); `allowedOrigins`: more origins it may use. */
  constructor(
    readonly configured: string,
    allowedOrigins: readonly string[] = [],
  ) {
    const url = new URL(configured);
    this.configuredOrigin = url.origin;
    this.configuredPath = trimSlashes(url.pathname);
    this.allowed = new Set(allowedOrigins);
  }

  /** The base URL to request speech from for a `/play` that names `requested` (or none); 400 for any other server. */
  resolve(requested: string | undefined): string {
    if (requested === undefined) return this.base();
    let url: URL;
    try {
      url = new URL(requested);
    } catch {
      throw new HttpError(400, "server must be an http(s) URL");
    }
    if (url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "") {
      throw new HttpError(400, "server must be a plain URL (no credentials, query or fragment)");
    }
    const requestedPath = trimSlashes(url.pathname);
    if (url.origin === this.configuredOrigin && (requestedPath === "" || requestedPath === this.configuredPath)) return this.base();
    if (this.allowed.has(url.origin) && requestedPath === "") return url.origin;
    throw new HttpError(400, `server ${url.origin}${requestedPath} is not allowed: this daemon fetches speech only from ${this.describe()} (start it with --server, or allow more origins with --allow-server or ${ALLOWED_SERVERS_ENV})`);
  }

  private base(): string {
    return `${this.configuredOrigin}${this.configuredPath}`;
  }

  private describe(): string {
    return [this.base(), ...this.allowed].join(", ");
  }
}

const trimSlashes = (p: string): string => p.replace(/\/+$/, "");
