import http, { type IncomingMessage } from "node:http";
import https from "node:https";

export interface RequestOptions {
  readonly method?: string;
  /** Sent as a JSON body with Content-Type: application/json. */
  readonly json?: unknown;
  readonly headers?: Record<string, string>;
  readonly signal?: AbortSignal;
  /** Gives up when no response (headers) came within this many ms. */
  readonly timeoutMs?: number;
}

/** Error codes that mean nobody answered at that address. */
const UNREACHABLE = new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "ECONNRESET", "ETIMEDOUT"]);

export class UnreachableError extends Error {
  override readonly name = "UnreachableError";
}

/**
 * One HTTP request with node:http (it starts faster than fetch, which matters for a CLI's first audio).
 * Resolves with the response as soon as its headers arrive; the body is the caller's to read.
 */
export function request(url: string, opts: RequestOptions = {}): Promise<IncomingMessage> {
  const target = new URL(url);
  const body = opts.json === undefined ? undefined : Buffer.from(JSON.stringify(opts.json));
  const headers: Record<string, string> = { ...opts.headers };
  if (body) {
    headers["content-type"] = "application/json";
    headers["content-length"] = String(body.length);
  }
  const lib = target.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(target, { method: opts.method ?? (body ? "POST" : "GET"), headers, signal: opts.signal }, resolve);
    if (opts.timeoutMs !== undefined) {
      req.setTimeout(opts.timeoutMs, () => req.destroy(Object.assign(new Error(`no answer from ${target.origin} within ${opts.timeoutMs} ms`), { code: "ETIMEDOUT" })));
    }
    req.on("error", (err: NodeJS.ErrnoException) => {
      reject(err.code && UNREACHABLE.has(err.code) ? new UnreachableError(`${target.origin}: ${err.code}`) : err);
    });
    req.end(body);
  });
}

export async function readBody(res: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of res) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/** The body as JSON, or undefined when it is not JSON. */
export async function readJson(res: IncomingMessage): Promise<unknown> {
  const text = (await readBody(res)).toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `{"error": {"message"}}` (OpenAI's and the daemon's error shape) → its message, else the status line. */
export function errorMessageOf(body: unknown, res: IncomingMessage): string {
  const message = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof message === "string" ? message : `HTTP ${res.statusCode} ${res.statusMessage ?? ""}`.trim();
}
