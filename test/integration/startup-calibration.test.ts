// A warm start reuses the cost line measured by an earlier start with the same fingerprint: the real runtime,
// ONNX Runtime and HTTP, the fixture model, one cache folder shared by consecutive servers.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeFixtureCalls } from "../helpers/fixture-audio.js";
import { parseWav, postSpeech, startTestServer, type TestServer } from "../helpers/test-server.js";

interface Status {
  startup: { calibration: string; load_ms: number };
  cost_model: { fixedMs: number; perIdMs: number } | null;
}

async function status(server: TestServer): Promise<Status> {
  return (await (await fetch(`${server.url}/status`)).json()) as Status;
}

/** The calibration is saved just after ready, without delaying it: wait for its file. */
async function calibrationFiles(cacheDir: string): Promise<string[]> {
  const dir = path.join(cacheDir, "calibration");
  for (let i = 0; i < 200; i++) {
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")) : [];
    if (files.length > 0) return files;
    await new Promise((r) => setTimeout(r, 25));
  }
  return [];
}

async function speaks(server: TestServer, input: string): Promise<number> {
  const res = await postSpeech(server.url, { input, response_format: "wav", stream: false });
  expect(res.status).toBe(200);
  return decodeFixtureCalls(parseWav(Buffer.from(await res.arrayBuffer())).samples).length;
}

describe("start-up calibration across starts", () => {
  it("measures on the first start, reuses the line on the next, and measures again after a reset", async () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), "kokoro-calibration-it-"));

    const first = await startTestServer({ cacheDir });
    let firstLine: Status["cost_model"];
    try {
      const s = await status(first);
      expect(s.startup.calibration).toBe("measured");
      firstLine = s.cost_model;
      expect(firstLine).not.toBeNull();
      const files = await calibrationFiles(cacheDir);
      expect(files).toHaveLength(1);
      // The saved line is the one plans were made with (held still, see CostModel.forPlanning): with the fixture's
      // sub-millisecond calls it may differ a little from the fitted line /status shows, so compare with the file.
      const saved = JSON.parse(readFileSync(path.join(cacheDir, "calibration", files[0]!), "utf8")) as { calibration: { fixedMs: number; perIdMs: number } };
      expect(saved.calibration.perIdMs).toBeCloseTo(firstLine!.perIdMs, 0);
      firstLine = { fixedMs: saved.calibration.fixedMs, perIdMs: saved.calibration.perIdMs };
    } finally {
      await first.close();
    }

    const second = await startTestServer({ cacheDir });
    try {
      const s = await status(second);
      expect(s.startup.calibration).toBe("previous start");
      // Only the short probe ran (one size), so the line is the one the first start saved.
      expect(s.cost_model?.perIdMs).toBeCloseTo(firstLine!.perIdMs, 3);
      expect(s.cost_model?.fixedMs).toBeCloseTo(firstLine!.fixedMs, 2);
      expect(await speaks(second, "A warm start speaks as well as a cold one.")).toBeGreaterThan(0);

      const reset = await fetch(`${second.url}/admin/provider-cache/reset`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
      expect(reset.status).toBe(200);
      expect(readdirSync(path.join(cacheDir, "calibration"))).toEqual([]);
    } finally {
      await second.close();
    }

    const third = await startTestServer({ cacheDir });
    try {
      expect((await status(third)).startup.calibration).toBe("measured");
    } finally {
      await third.close();
    }
  });

  it("measures again when the saved calibration is unreadable", async () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), "kokoro-calibration-it-"));
    const first = await startTestServer({ cacheDir });
    await first.close();
    const [file] = await calibrationFiles(cacheDir);
    writeFileSync(path.join(cacheDir, "calibration", file!), "{ truncated");

    const second = await startTestServer({ cacheDir });
    try {
      expect((await status(second)).startup.calibration).toBe("measured");
      expect(await speaks(second, "Still here.")).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
  });
});
