import type { IncomingHttpHeaders } from "node:http";

/** Where a client's key came from; a WebSocket upgrade may carry it where a browser can put it. */
export type KeySource = "header" | "query" | "subprotocol";

export interface PresentedKey {
  readonly key: string;
  readonly source: KeySource;
}

const isWebSocketUpgrade = (headers: IncomingHttpHeaders): boolean =>
  typeof headers.upgrade === "string" && headers.upgrade.toLowerCase() === "websocket";

/**
 * `Authorization: Bearer <key>`; any other scheme, or an empty token, presents an empty key (a wrong one).
 * Plain string operations, linear in the header's length: a regex with a lazy group before trailing blanks
 * backtracked quadratically on `Bearer a<15,000 spaces>b`, and this runs before the rate limit.
 */
function fromAuthorization(value: string): string {
  const text = value.trim();
  const end = text.search(/\s/);
  if (end < 0 || text.slice(0, end).toLowerCase() !== "bearer") return "";
  return text.slice(end).trim();
}

/** `api_key` from the query string of a URL, or null. */
function fromQuery(url: string): string | null {
  const q = url.indexOf("?");
  if (q < 0) return null;
  try {
    return new URLSearchParams(url.slice(q + 1)).get("api_key");
  } catch {
    return null;
  }
}

/** `Sec-WebSocket-Protocol: bearer, <key>`: the entry after `bearer` is the key. */
function fromSubprotocols(value: string): string | null {
  const offered = value.split(",").map((p) => p.trim());
  const at = offered.findIndex((p) => p.toLowerCase() === "bearer");
  return at >= 0 && at + 1 < offered.length ? offered[at + 1]! : null;
}

/**
 * The key a request presents, or null when it presents none. Every request may use `Authorization: Bearer`;
 * a WebSocket upgrade (browsers cannot set headers on one) may instead send `?api_key=<key>` or offer the
 * subprotocols `bearer, <key>`.
 */
export function presentedKey(headers: IncomingHttpHeaders, url: string): PresentedKey | null {
  if (typeof headers.authorization === "string") return { key: fromAuthorization(headers.authorization), source: "header" };
  if (!isWebSocketUpgrade(headers)) return null;
  const protocols = headers["sec-websocket-protocol"];
  const sub = typeof protocols === "string" ? fromSubprotocols(protocols) : null;
  if (sub !== null) return { key: sub, source: "subprotocol" };
  const query = fromQuery(url);
  return query !== null ? { key: query, source: "query" } : null;
}
