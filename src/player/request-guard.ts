// Who may talk to the daemon. It listens on loopback TCP only (no Unix socket), yet a web page in the user's browser
// can still reach it: by a cross-site request (it carries an Origin), or by DNS rebinding (a foreign name in Host).
// Both are refused before anything else; then every route but the bare liveness check needs the token.
import type { IncomingHttpHeaders } from "node:http";
import { bearerMatches } from "./daemon-token.js";
import { HttpError } from "./http-error.js";

const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];

/** `Host` must name this daemon: a loopback name or address, with its own port or none. A missing Host is refused. */
export function isOwnHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(host.trim().toLowerCase());
  if (!match) return false;
  const [, name, portText] = match;
  return LOOPBACK_NAMES.includes(name ?? "") && (portText === undefined || Number(portText) === port);
}

/** No `Origin` (not a browser page) or the daemon's own; it serves no pages, so any other one is a web page elsewhere. */
export function isOwnOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return LOOPBACK_NAMES.some((name) => origin.toLowerCase() === `http://${name}:${port}`);
}

export interface DaemonIdentity {
  readonly port: number;
  readonly token: string;
  /** Named in a 401, so a local client knows where the token is. */
  readonly tokenFile: string;
}

/**
 * Throws the HttpError a request from a web page gets (403), or one without the token (401). `open` routes (the
 * liveness check) skip the token, never the Host and Origin checks.
 */
export function checkRequest(headers: IncomingHttpHeaders, id: DaemonIdentity, opts: { open?: boolean } = {}): void {
  const { port } = id;
  if (!isOwnHost(headers.host, port)) {
    throw new HttpError(403, `Host '${headers.host ?? ""}' is not this daemon's (use http://127.0.0.1:${port})`);
  }
  if (!isOwnOrigin(headers.origin, port)) throw new HttpError(403, `requests from web pages (Origin ${headers.origin}) are refused`);
  if (!opts.open && !bearerMatches(headers.authorization, id.token)) {
    throw new HttpError(401, `missing or wrong daemon token: send Authorization: Bearer <the token in ${id.tokenFile}>`);
  }
}

/** `Content-Type: application/json`, required on every request that changes state (a browser cannot send it cross-site without a preflight). */
export function checkJsonContentType(headers: IncomingHttpHeaders): void {
  if (!/^application\/json\s*(;|$)/i.test(headers["content-type"] ?? "")) throw new HttpError(415, "Content-Type must be application/json");
}
