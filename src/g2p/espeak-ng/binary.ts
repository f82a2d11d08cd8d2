import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** How to get espeak-ng, for the message of a machine without it. */
export const ESPEAK_NG_INSTALL = "install espeak-ng (Debian/Ubuntu: apt install espeak-ng; macOS: brew install espeak-ng; Fedora: dnf install espeak-ng)";

/** The espeak-ng executable on PATH, or null when there is none. Looked up once per call: cheap, and no spawn. */
export function findEspeakNg(path: string | undefined = process.env.PATH): string | null {
  for (const dir of (path ?? "").split(delimiter)) {
    if (dir === "") continue;
    for (const name of process.platform === "win32" ? ["espeak-ng.exe"] : ["espeak-ng"]) {
      const file = join(dir, name);
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch {
        // not here
      }
    }
  }
  return null;
}
