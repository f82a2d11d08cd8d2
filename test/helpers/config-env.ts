import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** An environment whose XDG config home is a fresh empty folder, so no user config file is read. */
export const noFileEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  XDG_CONFIG_HOME: mkdtempSync(path.join(os.tmpdir(), "kokoro-cfg-")),
  ...extra,
});

/** Writes `content` as JSON to a config.json in a fresh temporary folder and returns its path. */
export function configFile(content: unknown): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "kokoro-cfg-")), "config.json");
  writeFileSync(file, JSON.stringify(content));
  return file;
}
