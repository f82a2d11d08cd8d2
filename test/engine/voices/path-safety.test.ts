// Resolving a voice request must never touch the file system, whatever the name looks like.
import * as fs from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, it, expect, vi } from "vitest";
import { loadVoices } from "../../../src/engine/voices/index.js";

vi.mock("node:fs/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs/promises")>();
  const { open, readFile, readdir, stat } = real;
  return { ...real, open: vi.fn(open), readFile: vi.fn(readFile), readdir: vi.fn(readdir), stat: vi.fn(stat) };
});

const store = await loadVoices(fileURLToPath(new URL("../../../../shared/data/voices", import.meta.url)));

describe("voice names and the file system", () => {
  it("looks names up only in the loaded set", () => {
    expect(vi.mocked(fs.readFile)).toHaveBeenCalled(); // the spy is live: loading read the files
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
    for (const spy of [fs.open, fs.readFile, fs.readdir, fs.stat]) expect(vi.mocked(spy)).not.toHaveBeenCalled();
  });
});
