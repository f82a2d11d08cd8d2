// A small JSON-over-HTTP helper on the global fetch (Node 22 in Raycast). It tells "nothing answered"
// (ConnectionError: refused, reset, DNS, timeout) apart from "something answered" (any status),
// because the two lead to different advice for the user.

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface JsonRequest {
  readonly method?: "GET" | "POST";
  /** Sent as JSON when present. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  readonly fetch?: FetchLike;
}

export interface JsonResponse {
  readonly status: number;
  /** The parsed JSON body, or undefined when the body is empty or not JSON. */
  readonly json: unknown;
  readonly text: string;
}

/** Nothing answered at `url` (connection refused or reset, unknown host, or no answer within the timeout). */
export class ConnectionError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`no answer from ${url}: ${reason}`, options);
    this.name = "ConnectionError";
  }
}

export const DEFAULT_TIMEOUT_MS = 3_000;

export async function requestJson(url: string, request: JsonRequest = {}): Promise<JsonResponse> {
  const fetchImpl: FetchLike = request.fetch ?? ((input, init) => fetch(input, init));
  const headers: Record<string, string> = { accept: "application/json", ...request.headers };
  let body: string | undefined;
  if (request.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(request.body);
  }
  let response: Response;
  let text: string;
  try {
    response = await fetchImpl(url, {
      method: request.method ?? (body === undefined ? "GET" : "POST"),
      headers,
      body,
      signal: AbortSignal.timeout(request.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    text = await response.text();
  } catch (err) {
    throw new ConnectionError(url, describeNetworkError(err), { cause: err });
  }
  return { status: response.status, json: parseJson(text), text };
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** "connection refused" rather than undici's bare "fetch failed". */
export function describeNetworkError(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === "TimeoutError" || err.name === "AbortError") return "timed out";
    const cause = (err as { cause?: unknown }).cause;
    const code = isRecord(cause) && typeof cause.code === "string" ? cause.code : undefined;
    switch (code) {
      case "ECONNREFUSED":
        return "connection refused";
      case "ECONNRESET":
        return "connection reset";
      case "ENOTFOUND":
      case "EAI_AGAIN":
        return "unknown host";
      case "EHOSTUNREACH":
      case "ENETUNREACH":
        return "host unreachable";
      case undefined:
        return cause instanceof Error ? cause.message : err.message;
      default:
        return code;
    }
  }
  return String(err);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The `error.message` of an OpenAI-style error body (`{"error":{"message":...}}`), else the raw text. */
export function errorMessageOf(response: JsonResponse): string {
  const json = response.json;
  if (isRecord(json)) {
    const error = json.error;
    if (isRecord(error) && typeof error.message === "string") return error.message;
    if (typeof error === "string") return error;
    if (typeof json.message === "string") return json.message;
  }
  const text = response.text.trim();
  return text === "" ? `HTTP ${response.status}` : text.slice(0, 200);
}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}${path}`;
}
