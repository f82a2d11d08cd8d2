// Resolving a voice request must never touch the file system with a name taken from the request, whatever it looks
// like: only files that listing the voices folder returned are ever read (each on its voice's first use).
import * as fsSync from "node:fs";
import * as fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it, expect, vi } from "vitest";
import { loadVoices } from "../../../src/engine/voices/index.js";

vi.mock("node:fs/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs/promises")>();
  const { open, readFile, readdir, stat } = real;
  return { ...real, open: vi.fn(open), readFile: vi.fn(readFile), readdir: vi.fn(readdir), stat: vi.fn(stat) };
});
vi.mock("node:fs", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs")>();
  const { openSync, readFileSync } = real;
  return { ...real, openSync: vi.fn(openSync), readFileSync: vi.fn(readFileSync) };
});

const dir = fileURLToPath(new URL("../../../../shared/data/voices", import.meta.url));
const store = await loadVoices(dir);

describe("voice names and the file system", () => {
  it("looks names up only in the loaded set, and reads only the listed files of the voices it speaks", () => {
    expect(vi.mocked(fs.stat)).toHaveBeenCalled(); // the spy is live: loading checked the files' sizes
    expect(vi.mocked(fsSync.readFileSync)).not.toHaveBeenCalled(); // no pack is read before its first use
    vi.clearAllMocks();
    const requests = [
      ...["../../etc/passwd", "af_bella/../x", "/abs", "../voices/af_bella", "af_bella+../af_sky"],
      ...["af_heart", "af_bella(2)+af_sky"],
    ];
    for (const request of requests) {
      const result = store.resolve(request);
      if (result.ok) store.styleFor(result.voice, 10);
      else expect(result.message).toMatch(/^unknown voice/);
    }
    for (const spy of [fs.open, fs.readFile, fs.readdir, fs.stat, fsSync.openSync]) expect(vi.mocked(spy)).not.toHaveBeenCalled();
    const read = vi.mocked(fsSync.readFileSync).mock.calls.map(([file]) => String(file)).sort();
    expect(read).toEqual(["af_bella", "af_heart", "af_sky"].map((name) => path.join(dir, `${name}.bin`)));
    // Read once: a second use is served from memory.
    vi.clearAllMocks();
    const heart = store.resolve("af_heart");
    if (heart.ok) store.styleFor(heart.voice, 20);
    expect(vi.mocked(fsSync.readFileSync)).not.toHaveBeenCalled();
    expect(store.loadedCount).toBe(3);
  });
});
