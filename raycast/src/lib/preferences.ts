// The extension's preferences (declared in package.json) as Raycast hands them over, and parsed into settings.

import { PreferenceError } from "./errors";

/** Raw values from getPreferenceValues(): every textfield arrives as a string (or undefined when unset). */
export interface RawPreferences {
  readonly serverUrl?: string;
  /** A dropdown of Kokoro's voices. */
  readonly voice?: string;
  /** Any voice the server knows (a blend, preset, custom voice); when set, used instead of `voice`. */
  readonly customVoice?: string;
  readonly speed?: string;
  readonly apiKey?: string;
  readonly kokoroPath?: string;
  readonly daemonUrl?: string;
}

export interface Settings {
  /** kokoro-server, without a trailing slash. */
  readonly serverUrl: string;
  /** The audio daemon, without a trailing slash. */
  readonly daemonUrl: string;
  readonly voice: string;
  /** Undefined: no `speed` is sent, so the server's default (or a voice preset's own speed) applies. */
  readonly speed: number | undefined;
  readonly apiKey: string | undefined;
  /** A command name (looked up on PATH and common folders) or a path. */
  readonly kokoroCommand: string;
}

export const DEFAULTS = {
  serverUrl: "http://127.0.0.1:8880",
  daemonUrl: "http://127.0.0.1:8881",
  voice: "af_heart",
  speed: undefined,
  kokoroCommand: "kokoro",
} as const;

/** The daemon's own default port: `kokoro daemon` is started without --port when the Daemon URL uses it. */
export const DEFAULT_DAEMON_PORT = 8881;

export const MIN_SPEED = 0.25;
export const MAX_SPEED = 4;

export function parsePreferences(raw: RawPreferences): Settings {
  return {
    serverUrl: parseUrl(raw.serverUrl, DEFAULTS.serverUrl, "Server URL"),
    daemonUrl: parseUrl(raw.daemonUrl, DEFAULTS.daemonUrl, "Daemon URL"),
    voice: parseVoice(raw),
    speed: parseSpeedPreference(raw.speed),
    apiKey: blankToUndefined(raw.apiKey),
    kokoroCommand: blankToUndefined(raw.kokoroPath) ?? DEFAULTS.kokoroCommand,
  };
}

/** The settings, or the defaults where a preference is unusable (to draw a form; speaking re-parses and reports). */
export function settingsOrDefaults(raw: RawPreferences): Settings {
  const attempt = <T>(parse: () => T, fallback: T): T => {
    try {
      return parse();
    } catch {
      return fallback;
    }
  };
  return {
    serverUrl: attempt(() => parseUrl(raw.serverUrl, DEFAULTS.serverUrl, "Server URL"), DEFAULTS.serverUrl),
    daemonUrl: attempt(() => parseUrl(raw.daemonUrl, DEFAULTS.daemonUrl, "Daemon URL"), DEFAULTS.daemonUrl),
    voice: attempt(() => parseVoice(raw), DEFAULTS.voice),
    speed: attempt(() => parseSpeedPreference(raw.speed), DEFAULTS.speed),
    apiKey: blankToUndefined(raw.apiKey),
    kokoroCommand: blankToUndefined(raw.kokoroPath) ?? DEFAULTS.kokoroCommand,
  };
}

function blankToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** "localhost:8880/" → "http://localhost:8880"; only http(s) URLs. */
export function parseUrl(value: string | undefined, fallback: string, title: string): string {
  const text = blankToUndefined(value) ?? fallback;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new PreferenceError(title, `'${text}' is not a URL (expected e.g. ${fallback})`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new PreferenceError(title, `'${text}' is not an http:// URL`);
  }
  return url.toString().replace(/\/+$/, "");
}

/**
 * The Other Voice preference when set, as written (a blend such as `af_bella + af_sky`, a preset or a custom
 * voice: the server checks it and the daemon's refusal says why), else the Voice dropdown's.
 */
function parseVoice(raw: RawPreferences): string {
  const custom = blankToUndefined(raw.customVoice);
  if (custom !== undefined) return custom;
  const voice = blankToUndefined(raw.voice) ?? DEFAULTS.voice;
  if (/\s/.test(voice)) throw new PreferenceError("Voice", `'${voice}' is not a voice name (e.g. af_heart)`);
  return voice;
}

/** A speed from text (blank: none, the server decides), or the reason it is not one. */
export function parseSpeed(
  value: string | undefined,
): { ok: true; speed: number | undefined } | { ok: false; message: string } {
  const text = value?.trim() ?? "";
  if (text === "") return { ok: true, speed: DEFAULTS.speed };
  const speed = Number(text.replace(",", "."));
  if (!Number.isFinite(speed)) return { ok: false, message: `'${text}' is not a number` };
  if (speed < MIN_SPEED || speed > MAX_SPEED)
    return { ok: false, message: `must be between ${MIN_SPEED} and ${MAX_SPEED}` };
  return { ok: true, speed };
}

function parseSpeedPreference(value: string | undefined): number | undefined {
  const parsed = parseSpeed(value);
  if (!parsed.ok) throw new PreferenceError("Speed", parsed.message);
  return parsed.speed;
}

/** The port of an http(s) URL, with the scheme's default when none is written. */
export function portOf(url: string): number {
  const parsed = new URL(url);
  if (parsed.port !== "") return Number(parsed.port);
  return parsed.protocol === "https:" ? 443 : 80;
}
