// What can go wrong, as typed errors, and the toast each one becomes (title + what to do about it).
// Pure: the commands hand the result to Raycast's showToast.

const QUIT_DAEMON_HINT =
  "Quit that `kokoro daemon` process (Activity Monitor, or `kill` its pid); the next Speak starts a new one.";

export const START_SERVER_HINT = "Start it with `kokoro serve` (or `npm start` in kokoro-server)";

export class KokoroError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The kokoro server's /health did not answer at all. */
export class ServerUnreachableError extends KokoroError {
  constructor(
    readonly url: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Kokoro server at ${url} did not answer: ${reason}`, options);
  }
}

/** The kokoro server answered 503: still loading its model and voices, or its start-up failed. */
export class ServerNotReadyError extends KokoroError {
  constructor(
    readonly url: string,
    readonly status: "loading" | "failed",
    readonly detail: string,
  ) {
    super(
      `Kokoro server at ${url} is ${status === "loading" ? "still loading" : "not ready (start-up failed)"}: ${detail}`,
    );
  }
}

/** The kokoro server answered 401/403: it wants an API key, or a different one. */
export class ServerAuthError extends KokoroError {
  constructor(
    readonly url: string,
    readonly keyWasSent: boolean,
  ) {
    super(`Kokoro server at ${url} refused the ${keyWasSent ? "API key" : "request without an API key"}`);
  }
}

/** The kokoro server answered something this extension does not understand. */
export class ServerResponseError extends KokoroError {
  constructor(
    readonly url: string,
    readonly status: number,
    readonly detail: string,
  ) {
    super(`Kokoro server at ${url} answered HTTP ${status}: ${detail}`);
  }
}

/** Nothing answers at the daemon's URL. */
export class DaemonUnreachableError extends KokoroError {
  constructor(
    readonly url: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Kokoro daemon at ${url} did not answer: ${reason}`, options);
  }
}

/** Something answers at the daemon's URL, but not like the kokoro daemon. */
export class DaemonProtocolError extends KokoroError {
  constructor(
    readonly url: string,
    readonly detail: string,
  ) {
    super(`Something at ${url} answered, but not like the Kokoro daemon: ${detail}`);
  }
}

/** The daemon answered 401: the extension has no token for it, or an old one (see daemon-token.ts). */
export class DaemonAuthError extends KokoroError {
  constructor(
    readonly url: string,
    readonly tokenFile: string | undefined,
    readonly tokenWasSent: boolean,
    readonly detail: string,
  ) {
    super(`Kokoro daemon at ${url} refused the ${tokenWasSent ? "token" : "request without a token"}: ${detail}`);
  }
}

/** The daemon refused a request (400 bad body, or another error status). */
export class DaemonRequestError extends KokoroError {
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(`Kokoro daemon refused the request (HTTP ${status}): ${detail}`);
  }
}

/** The "Kokoro Command" preference names no executable that could be found. */
export class KokoroCommandNotFoundError extends KokoroError {
  constructor(
    readonly command: string,
    readonly searched: readonly string[],
  ) {
    super(`Could not find the kokoro command '${command}' (looked in ${searched.join(", ") || "no folders"})`);
  }
}

/** `kokoro daemon` was started but the daemon did not come up. */
export class DaemonStartError extends KokoroError {
  constructor(
    readonly command: string,
    readonly reason: string,
    readonly logFile: string | undefined,
    readonly logTail: string,
  ) {
    super(`Started '${command} daemon' but ${reason}${logTail ? `: ${logTail}` : ""}`);
  }
}

/** Nothing to speak: empty selection, or getSelectedText failed (no selection, or no Accessibility permission). */
export class NoTextError extends KokoroError {
  constructor(
    readonly source: "selection" | "input",
    options?: { cause?: unknown },
  ) {
    super(source === "selection" ? "No text is selected" : "There is no text to speak", options);
  }
}

/** A preference holds a value that cannot be used. */
export class PreferenceError extends KokoroError {
  constructor(
    readonly preference: string,
    readonly detail: string,
  ) {
    super(`Preference "${preference}": ${detail}`);
  }
}

export interface ToastContent {
  readonly title: string;
  readonly message?: string;
}

/** The failure toast for an error thrown by any of the commands. */
export function toastForError(err: unknown): ToastContent {
  if (err instanceof ServerUnreachableError) {
    if (err.reason === "timed out") {
      return {
        title: "Kokoro server is not responding",
        message: `${err.url} accepted the connection but did not answer in time. If it is stuck, restart it with \`kokoro serve\`.`,
      };
    }
    return { title: "Kokoro server is not running", message: `${START_SERVER_HINT}. Nothing answered at ${err.url}.` };
  }
  if (err instanceof ServerNotReadyError) {
    return err.status === "loading"
      ? { title: "Kokoro server is still starting", message: `Try again in a moment (${err.detail}).` }
      : {
          title: "Kokoro server failed to start",
          message: `${err.detail}. Check its output, then restart it with \`kokoro serve\`.`,
        };
  }
  if (err instanceof ServerAuthError) {
    return err.keyWasSent
      ? {
          title: "Kokoro server rejected the API key",
          message: "Check the API Key preference of the Kokoro extension.",
        }
      : { title: "Kokoro server needs an API key", message: "Set the API Key preference of the Kokoro extension." };
  }
  if (err instanceof ServerResponseError) {
    return { title: "Unexpected answer from the Kokoro server", message: `HTTP ${err.status}: ${err.detail}` };
  }
  if (err instanceof KokoroCommandNotFoundError) {
    return {
      title: "Cannot start the Kokoro daemon",
      message: `'${err.command}' was not found. Set the Kokoro Command preference to the full path of kokoro (run \`which kokoro\` in a terminal), or start \`kokoro daemon\` yourself.`,
    };
  }
  if (err instanceof DaemonStartError) {
    const log = err.logFile ? ` Log: ${err.logFile}` : "";
    return {
      title: "Kokoro daemon did not start",
      message: `${err.reason}${err.logTail ? ` — ${err.logTail}` : ""}. Try \`${err.command} daemon\` in a terminal.${log}`,
    };
  }
  if (err instanceof DaemonUnreachableError) {
    if (err.reason === "timed out") {
      return {
        title: "Kokoro daemon is not responding",
        message: `${err.url} did not answer in time. If it is stuck, stop it and try again (it is restarted on demand).`,
      };
    }
    return {
      title: "Kokoro daemon is not running",
      message: `Nothing answered at ${err.url}. Start it with \`kokoro daemon\`.`,
    };
  }
  if (err instanceof DaemonProtocolError) {
    return {
      title: "Daemon URL is taken by another program",
      message: `${err.detail}. Change the Daemon URL preference or stop what listens at ${err.url}.`,
    };
  }
  if (err instanceof DaemonAuthError) {
    const where = err.tokenFile ?? "its token file";
    return {
      title: "Kokoro daemon refused the extension",
      message: err.tokenWasSent
        ? `The token in ${where} is not the running daemon's. ${QUIT_DAEMON_HINT}`
        : `No token at ${where}: the running daemon was started with another KOKORO_HOME or XDG_RUNTIME_DIR. ${QUIT_DAEMON_HINT}`,
    };
  }
  if (err instanceof DaemonRequestError) {
    return { title: "Kokoro daemon refused the text", message: err.detail };
  }
  if (err instanceof NoTextError) {
    return err.source === "selection"
      ? {
          title: "No text selected",
          message:
            "Select some text in the frontmost app first. If text is selected, allow Raycast under System Settings › Privacy & Security › Accessibility.",
        }
      : { title: "Nothing to speak", message: "Type or paste some text first." };
  }
  if (err instanceof PreferenceError) {
    return { title: `Invalid preference: ${err.preference}`, message: err.detail };
  }
  return { title: "Kokoro failed", message: err instanceof Error ? err.message : String(err) };
}
