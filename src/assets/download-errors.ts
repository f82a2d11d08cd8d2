// The ways a download fails, each with a message a person can act on.
import { describeKinds, manualDownloadInstructions, type ManualFile } from "./manual-download.js";

/** The server answered with an HTTP error status (404, 403, 500...). Nothing was installed. */
export class DownloadHttpError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
    statusText: string,
  ) {
    super(`download failed: HTTP ${status}${statusText ? ` ${statusText}` : ""} for ${url}`);
    this.name = "DownloadHttpError";
  }
}

/** The bytes did not match the catalogue. The partial file was deleted; nothing was installed. */
export class IntegrityError extends Error {
  constructor(
    readonly url: string,
    readonly dest: string,
    readonly check: "sha256" | "size",
    readonly expected: string,
    readonly actual: string,
  ) {
    super(
      `${check === "sha256" ? "checksum" : "size"} mismatch for ${url}: expected ${check} ${expected}, got ${actual}; ` +
        `the download was discarded and nothing was installed at ${dest}`,
    );
    this.name = "IntegrityError";
  }
}

/** The connection broke mid-body or stalled; the `.part` file is kept, so a retry resumes. */
export class DownloadInterruptedError extends Error {
  constructor(
    readonly url: string,
    readonly dest: string,
    readonly bytesDone: number,
    readonly bytesTotal: number | undefined,
    options?: { cause?: unknown },
  ) {
    const of = bytesTotal === undefined ? "" : ` of ${bytesTotal}`;
    super(
      `download of ${url} was interrupted after ${bytesDone}${of} bytes; ` +
        `run the command again to resume (partial file: ${dest}.part)`,
      options,
    );
    this.name = "DownloadInterruptedError";
  }
}

/** No connection could be made (offline, DNS failure, refused). Says what to fetch by hand. */
export class NetworkUnavailableError extends Error {
  constructor(
    readonly files: readonly ManualFile[],
    hint: string | undefined,
    options?: { cause?: unknown },
  ) {
    const hosts = [...new Set(files.map((f) => hostOf(f.url)))];
    const reason = causeText(options?.cause);
    const what = files.some((f) => f.kind !== undefined) ? `cannot download ${describeKinds(files)}: ` : "";
    super(
      `${what}cannot reach ${hosts.length > 0 ? hosts.join(" or ") : "the download server"}${reason ? ` (${reason})` : ""}.\n` +
        manualDownloadInstructions(files, hint),
      options,
    );
    this.name = "NetworkUnavailableError";
  }
}

/** Files are missing from the cache and downloading is switched off (`autoDownload: false`). */
export class AssetsMissingError extends Error {
  constructor(readonly files: readonly ManualFile[]) {
    super(
      `${describeKinds(files)} ${["the model", "a file"].includes(describeKinds(files)) ? "is" : "are"} not in the cache and automatic download is off (autoDownload false, or KOKORO_AUTO_DOWNLOAD=false): ` +
        "run `kokoro download`, or fetch the files by hand.\n" +
        manualDownloadInstructions(files),
    );
    this.name = "AssetsMissingError";
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** undici's fetch wraps the socket error: `TypeError: fetch failed` with the errno in `cause`. */
function causeText(cause: unknown): string {
  if (!(cause instanceof Error)) return "";
  const inner = cause.cause;
  if (inner instanceof Error) {
    // An AggregateError (several addresses tried) can have an empty message but still a code.
    return inner.message || ((inner as NodeJS.ErrnoException).code ?? "");
  }
  return cause.message;
}
