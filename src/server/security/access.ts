/** Path prefixes of the API: everything under them needs a key when keys are configured. */
const PROTECTED = ["/v1", "/admin", "/dev", "/metrics", "/status"] as const;

/** The probes a load balancer or orchestrator calls: open without a key and whatever the Host. */
const PROBE_PATHS: ReadonlySet<string> = new Set(["/health", "/livez", "/readyz"]);

export function isProbePath(path: string): boolean {
  return PROBE_PATHS.has(path);
}

/** The path of a request URL, without query string or fragment, percent-decoded as the router sees it. */
export function pathOf(url: string): string {
  const end = url.search(/[?#]/);
  const raw = end < 0 ? url : url.slice(0, end);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Whether a path is (under) one of the protected API paths: `/v1` and `/metrics/x` are, `/v1x` is not. */
export function isProtectedPath(path: string): boolean {
  const lower = path.toLowerCase();
  return PROTECTED.some((p) => lower === p || lower.startsWith(`${p}/`));
}

/**
 * Which requests are open without a key: the probes (`/health`, `/livez`, `/readyz`), CORS preflights (OPTIONS)
 * and GET/HEAD of the playground's static files (anything not under the API paths). Everything else needs a key: all of
 * `/v1/*` (the WebSocket upgrade too), `/metrics`, `/status`, `/admin/*`, `/dev/*`, and any other method.
 * `paths` are the request's decoded path and, when it matched one, its route's pattern: if either is
 * protected, so is the request (an encoded or oddly spelled path cannot reach a route around the check).
 */
export function isOpenRequest(method: string, paths: readonly (string | undefined)[]): boolean {
  if (method === "OPTIONS") return true;
  if (method !== "GET" && method !== "HEAD") return false;
  const known = paths.filter((p): p is string => p !== undefined);
  if (known.every(isProbePath)) return true;
  return !known.some(isProtectedPath);
}
