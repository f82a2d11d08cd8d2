import { homedir } from "node:os";
import path from "node:path";

const APP_DIR = "kokoro-server";

/**
 * Where downloaded assets live:
 * 1. `$KOKORO_HOME`, as given (resolved to an absolute path);
 * 2. `$XDG_CACHE_HOME/kokoro-server` (the XDG spec ignores a relative value, so do we);
 * 3. the platform cache: `~/Library/Caches/kokoro-server` on macOS, `%LOCALAPPDATA%\kokoro-server`
 *    on Windows, `~/.cache/kokoro-server` elsewhere.
 */
export function resolveCacheDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const kokoroHome = env.KOKORO_HOME?.trim();
  if (kokoroHome) return path.resolve(kokoroHome);

  const xdg = env.XDG_CACHE_HOME?.trim();
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, APP_DIR);

  if (platform === "darwin") return path.join(home, "Library", "Caches", APP_DIR);
  const localAppData = env.LOCALAPPDATA?.trim();
  if (platform === "win32" && localAppData) return path.join(localAppData, APP_DIR);
  return path.join(home, ".cache", APP_DIR);
}

/** Absolute path of a catalogue `fileName` (which uses "/" separators) inside `cacheDir`. */
export function cachePath(cacheDir: string, fileName: string): string {
  return path.join(cacheDir, ...fileName.split("/"));
}
