import { createHash, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";

/** A start-up problem with the API key settings; its message says what to fix. */
export class ApiKeysConfigError extends Error {
  override readonly name = "ApiKeysConfigError";
}

const sha256 = (text: string): Buffer => createHash("sha256").update(text, "utf8").digest();

/** A short, stable name for a key that is safe to log: the first 8 hex digits of its SHA-256. */
export function keyId(key: string): string {
  return `key-${sha256(key).toString("hex").slice(0, 8)}`;
}

/** The keys of a keys file: one a line, trimmed; blank lines and `#` comment lines are skipped. */
export function parseKeysFile(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}

/**
 * The configured keys: `apiKeys` plus the lines of `apiKeysFile`, read once at start-up. A keys file that
 * is missing, unreadable or empty is an error rather than a silently open server.
 */
export function loadApiKeys(apiKeys: readonly string[], apiKeysFile: string | undefined): string[] {
  const keys = apiKeys.map((k) => k.trim()).filter((k) => k !== "");
  if (apiKeysFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(apiKeysFile, "utf8");
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code === "ENOENT" ? "not found" : "not readable";
      throw new ApiKeysConfigError(`API keys file ${why}: ${apiKeysFile} (set by apiKeysFile / KOKORO_API_KEYS_FILE)`);
    }
    const fromFile = parseKeysFile(text);
    if (fromFile.length === 0) {
      throw new ApiKeysConfigError(`API keys file has no keys: ${apiKeysFile} (one key a line; # starts a comment)`);
    }
    keys.push(...fromFile);
  }
  return [...new Set(keys)];
}

/** The accepted keys, held only as SHA-256 digests and compared in constant time. */
export class ApiKeyRing {
  private readonly entries: readonly { readonly digest: Buffer; readonly id: string }[];

  constructor(keys: readonly string[]) {
    this.entries = keys.map((key) => ({ digest: sha256(key), id: keyId(key) }));
  }

  /** No keys: the server runs without authentication. */
  get enabled(): boolean {
    return this.entries.length > 0;
  }

  /**
   * The id of the key `candidate` equals, or null. Both sides are hashed to equal lengths and every key is
   * compared, so the time taken says nothing about how much of a key was right, or which key matched.
   */
  match(candidate: string): string | null {
    const digest = sha256(candidate);
    let found: string | null = null;
    for (const entry of this.entries) {
      if (timingSafeEqual(entry.digest, digest) && found === null) found = entry.id;
    }
    return found;
  }
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|\[::1\]|localhost)$/i;

/** Whether binding `host` keeps the server to this machine. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host);
}
