import { SAMPLE_RATE } from "../model/contract.js";

/** The daemon's audio format: what the server's `pcm` response is (s16le at the model's SAMPLE_RATE, mono). */
export const BYTES_PER_SAMPLE = 2;

export const DEFAULT_DAEMON_PORT = 8881;
export const DEFAULT_SERVER_URL = "http://127.0.0.1:8880";
export const DAEMON_HOST = "127.0.0.1";

/** The daemon port: a flag, else $KOKORO_DAEMON_PORT, else 8881. */
export function daemonPort(flag?: string | number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = flag ?? env.KOKORO_DAEMON_PORT ?? DEFAULT_DAEMON_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`invalid daemon port '${raw}'`);
  return port;
}

/** The speech server: a flag, else $KOKORO_SERVER_URL, else http://127.0.0.1:8880 (no trailing slash). */
export function serverUrl(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  const raw = flag ?? env.KOKORO_SERVER_URL ?? DEFAULT_SERVER_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`invalid server URL '${raw}'`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`server URL must be http(s): '${raw}'`);
  return raw.replace(/\/+$/, "");
}

export const secondsOf = (samples: number): number => samples / SAMPLE_RATE;
export const samplesOf = (ms: number): number => Math.round((ms * SAMPLE_RATE) / 1000);
