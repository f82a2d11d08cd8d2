// Small JSON files kept per fingerprint under one folder: what was learned about this model on this machine with
// these settings (the `auto` provider decision, the start-up cost calibration), reused only for exactly the same
// fingerprint.
import { mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fingerprintKey, sameFingerprint, type ProviderFingerprint } from "./fingerprint.js";

interface StoredFile {
  readonly fingerprint: ProviderFingerprint;
  readonly value: unknown;
}

export class FingerprintStore<T> {
  constructor(
    readonly dir: string,
    private readonly isValue: (value: unknown) => value is T,
    /** The field the value is stored under (kept for files written before this store existed). */
    private readonly field = "value",
  ) {}

  /** `name` tells apart several values for one fingerprint (e.g. one per execution provider). */
  fileFor(fp: ProviderFingerprint, name?: string): string {
    return path.join(this.dir, `${fingerprintKey(fp)}${name ? `-${name.replace(/[^\w-]+/g, "_")}` : ""}.json`);
  }

  /** The value stored for exactly this fingerprint, or null (none, unreadable, invalid, or another fingerprint). */
  async read(fp: ProviderFingerprint, name?: string): Promise<T | null> {
    try {
      const parsed = JSON.parse(await readFile(this.fileFor(fp, name), "utf8")) as Partial<StoredFile> & Record<string, unknown>;
      const value = parsed[this.field];
      if (!parsed.fingerprint || !this.isValue(value)) return null;
      return sameFingerprint(parsed.fingerprint, fp) ? value : null;
    } catch {
      return null;
    }
  }

  /** Writes through a temporary file and a rename, so a reader never sees half a file. */
  async write(fp: ProviderFingerprint, value: T, name?: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const file = this.fileFor(fp, name);
    const temp = `${file}.${process.pid}.${Date.now().toString(36)}.tmp`;
    await writeFile(temp, `${JSON.stringify({ fingerprint: fp, [this.field]: value }, null, 2)}\n`);
    await rename(temp, file);
  }

  async forget(fp: ProviderFingerprint, name?: string): Promise<void> {
    await rm(this.fileFor(fp, name), { force: true });
  }

  /** Removes every stored file; returns how many values there were. */
  async clear(): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return 0;
    }
    const values = names.filter((n) => n.endsWith(".json"));
    await Promise.all(names.map((n) => rm(path.join(this.dir, n), { force: true })));
    return values.length;
  }
}
