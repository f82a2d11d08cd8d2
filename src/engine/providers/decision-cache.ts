// The cached `auto` decision: one small JSON file per fingerprint under <cacheDir>/providers/.
import { mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fingerprintKey, sameFingerprint, type ProviderFingerprint } from "./fingerprint.js";
import type { ProviderBenchmark } from "./types.js";

export interface ProviderDecision {
  /** The candidate chosen ("cpu" when nothing beat it). */
  readonly name: string;
  readonly reason: string;
  readonly benchmark: ProviderBenchmark;
}

interface DecisionFile {
  readonly fingerprint: ProviderFingerprint;
  readonly decision: ProviderDecision;
}

export class ProviderDecisionCache {
  constructor(readonly dir: string) {}

  fileFor(fp: ProviderFingerprint): string {
    return path.join(this.dir, `${fingerprintKey(fp)}.json`);
  }

  /** The decision made for exactly this fingerprint, or null (none, unreadable, or another fingerprint). */
  async read(fp: ProviderFingerprint): Promise<ProviderDecision | null> {
    try {
      const parsed = JSON.parse(await readFile(this.fileFor(fp), "utf8")) as Partial<DecisionFile>;
      if (!parsed.fingerprint || !parsed.decision || typeof parsed.decision.name !== "string") return null;
      return sameFingerprint(parsed.fingerprint, fp) ? parsed.decision : null;
    } catch {
      return null;
    }
  }

  /** Writes through a temporary file and a rename, so a reader never sees half a decision. */
  async write(fp: ProviderFingerprint, decision: ProviderDecision): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const file = this.fileFor(fp);
    const temp = `${file}.${process.pid}.${Date.now().toString(36)}.tmp`;
    const content: DecisionFile = { fingerprint: fp, decision };
    await writeFile(temp, `${JSON.stringify(content, null, 2)}\n`);
    await rename(temp, file);
  }

  async forget(fp: ProviderFingerprint): Promise<void> {
    await rm(this.fileFor(fp), { force: true });
  }

  /** Removes every cached decision; returns how many there were. */
  async clear(): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return 0;
    }
    const decisions = names.filter((n) => n.endsWith(".json"));
    await Promise.all(names.map((n) => rm(path.join(this.dir, n), { force: true })));
    return decisions.length;
  }
}
