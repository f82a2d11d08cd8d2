// The memory of a server's espeak-ng child processes (one per loaded espeak-ng language): they are not in the
// server's own RSS, so the memory benches report them apart.
import { execFileSync } from "node:child_process";

/** Their summed RSS in bytes, from ps; null where ps cannot tell (it exits 1 when there is no child at all). */
export function espeakChildrenRss(pid: number): number | null {
  try {
    const out = execFileSync("ps", ["--ppid", String(pid), "-o", "rss=,comm="], { encoding: "utf8" });
    return out
      .split("\n")
      .filter((l) => l.includes("espeak"))
      .reduce((sum, l) => sum + Number(l.trim().split(/\s+/u)[0]) * 1024, 0);
  } catch {
    return null;
  }
}
