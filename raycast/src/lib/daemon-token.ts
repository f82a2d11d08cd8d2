// The audio daemon's token: `kokoro daemon` writes a random token to a file only this user can read when it starts,
// and answers nothing but a bare /health without it. The file's place mirrors kokoro-server's
// src/player/daemon-token.ts (daemonRunDir) and src/assets/cache-dir.ts (resolveCacheDir); keep them in step.

import { readFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { portOf } from "./preferences";

const APP_DIR = "kokoro-server";

export interface TokenLocation {
  readonly env: NodeJS.ProcessEnv;
  readonly home: string;
  readonly platform?: NodeJS.Platform;
}

/** kokoro-server's cache dir: $KOKORO_HOME, else $XDG_CACHE_HOME/kokoro-server, else the platform's cache folder. */
export function kokoroCacheDir({ env, home, platform = process.platform }: TokenLocation): string {
  const kokoroHome = env.KOKORO_HOME?.trim();
  if (kokoroHome) return resolve(kokoroHome);
  const xdg = env.XDG_CACHE_HOME?.trim();
  if (xdg && isAbsolute(xdg)) return join(xdg, APP_DIR);
  if (platform === "darwin") return join(home, "Library", "Caches", APP_DIR);
  const localAppData = env.LOCALAPPDATA?.trim();
  if (platform === "win32" && localAppData) return join(localAppData, APP_DIR);
  return join(home, ".cache", APP_DIR);
}

/** The daemon's run folder: $KOKORO_HOME/run, else $XDG_RUNTIME_DIR/kokoro-server, else <cache dir>/run. */
export function daemonRunDir(location: TokenLocation): string {
  if (location.env.KOKORO_HOME?.trim()) return join(kokoroCacheDir(location), "run");
  const runtime = location.env.XDG_RUNTIME_DIR?.trim();
  if (runtime && isAbsolute(runtime)) return join(runtime, APP_DIR);
  return join(kokoroCacheDir(location), "run");
}

/** `<run dir>/daemon-<port>.token`, the port taken from the Daemon URL. */
export function daemonTokenFile(daemonUrl: string, location: TokenLocation): string {
  return join(daemonRunDir(location), `daemon-${portOf(daemonUrl)}.token`);
}

/** The token in `file`, or undefined when there is none (no daemon started in this environment yet). */
export function readTokenFile(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}
