/**
 * The host name of a `Host` header (`name`, `name:port`, `[v6]:port`), lower-cased, without brackets or a
 * trailing dot; null when it is not a plain host.
 */
export function hostName(host: string): string | null {
  const value = host.trim().toLowerCase();
  let name: string;
  let rest: string;
  if (value.startsWith("[")) {
    const close = value.indexOf("]");
    if (close < 0) return null;
    name = value.slice(1, close);
    rest = value.slice(close + 1);
  } else {
    const colon = value.indexOf(":");
    name = colon < 0 ? value : value.slice(0, colon);
    rest = colon < 0 ? "" : value.slice(colon);
  }
  if (rest !== "" && !/^:\d{1,5}$/.test(rest)) return null;
  if (name.endsWith(".")) name = name.slice(0, -1);
  return /^[a-z0-9._~:%-]+$/.test(name) ? name : null;
}

const IPV4_LOOPBACK = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * Names that always reach this machine: `localhost` and its subdomains (browsers resolve `*.localhost` to
 * loopback themselves, RFC 6761), 127.0.0.0/8 and ::1. A DNS-rebinding page can never be at one of them.
 */
export function isLoopbackName(name: string): boolean {
  if (name === "localhost" || name.endsWith(".localhost") || name === "::1") return true;
  const v4 = IPV4_LOOPBACK.exec(name);
  return v4 !== null && v4.slice(1).every((octet) => Number(octet) <= 255);
}

/**
 * Which `Host` headers the server answers, against DNS rebinding (a page whose own name the attacker points at
 * 127.0.0.1 is same-origin with the server as far as the browser knows; only the Host it sends gives it away).
 * On a loopback bind only loopback names and `allowedHosts` pass; on another bind everything passes unless
 * `allowedHosts` is set. An entry with a leading "." matches that domain and its subdomains; "*" matches any host.
 * A request without a Host header (HTTP/1.0) comes from no browser and passes.
 */
export class HostPolicy {
  private readonly exact = new Set<string>();
  private readonly suffixes: string[] = [];
  private readonly any: boolean;

  constructor(
    readonly loopbackBind: boolean,
    allowedHosts: readonly string[],
  ) {
    this.any = allowedHosts.includes("*");
    for (const entry of allowedHosts) {
      const name = entry.startsWith(".") ? hostName(entry.slice(1)) : hostName(entry);
      if (name === null) continue;
      if (entry.startsWith(".")) this.suffixes.push(name);
      else this.exact.add(name);
    }
  }

  /** Whether any Host is checked at all. */
  get active(): boolean {
    return !this.any && (this.loopbackBind || this.exact.size > 0 || this.suffixes.length > 0);
  }

  allows(host: string | undefined): boolean {
    if (!this.active || host === undefined) return true;
    const name = hostName(host);
    if (name === null) return false;
    return isLoopbackName(name) || this.exact.has(name) || this.suffixes.some((s) => name === s || name.endsWith(`.${s}`));
  }
}

/** Whether `origin` (an Origin header) is this server's own: same scheme-relative host and port as `host`. */
export function isSameOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    const from = new URL(origin);
    if (from.protocol !== "http:" && from.protocol !== "https:") return false;
    // Parsed with the origin's scheme, so a default port (`:80` for http) compares equal to none.
    return from.host === new URL(`${from.protocol}//${host}`).host;
  } catch {
    return false;
  }
}

/**
 * Which `Origin`s may change state on a server without API keys: none (curl, SDKs, the daemon), the server's own
 * (the playground), and `corsOrigins` ("*" = any), compared like CORS does (a trailing "/" in the setting ignored).
 */
export class OriginPolicy {
  private readonly any: boolean;
  private readonly listed: ReadonlySet<string>;

  constructor(corsOrigins: readonly string[]) {
    this.any = corsOrigins.includes("*");
    this.listed = new Set(corsOrigins.map((o) => o.replace(/\/+$/, "").toLowerCase()));
  }

  allows(origin: string | undefined, host: string | undefined): boolean {
    return origin === undefined || this.any || this.listed.has(origin.toLowerCase()) || isSameOrigin(origin, host);
  }
}
