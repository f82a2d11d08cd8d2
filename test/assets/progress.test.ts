import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createProgressReporter, formatProgressLine, type AssetProgress } from "../../src/assets/progress.js";

const MB = 1_000_000;

function capture(isTTY: boolean): { stream: PassThrough & { isTTY: boolean; columns: number }; text: () => string } {
  const stream = Object.assign(new PassThrough(), { isTTY, columns: 120 });
  const chunks: Buffer[] = [];
  stream.on("data", (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString("utf8") };
}

function at(bytesDone: number, bytesTotal = 88.08 * MB): AssetProgress {
  return { fileName: "model_quantized.onnx", bytesDone, bytesTotal, fraction: bytesDone / bytesTotal, filesDone: 0, fileCount: 1 };
}

describe("formatProgressLine", () => {
  it("gives percent and megabytes", () => {
    expect(formatProgressLine(at(37 * MB))).toBe("downloading model_quantized.onnx: 42% (37.0/88.1 MB)");
    expect(formatProgressLine({ ...at(5 * MB), fileCount: 54 })).toMatch(/^downloading 54 files: /);
    expect(formatProgressLine({ fileName: "x.bin", bytesDone: 2.5 * MB, filesDone: 0, fileCount: 1 })).toBe("downloading x.bin: 2.5 MB");
  });
});

describe("createProgressReporter (not a TTY)", () => {
  it("prints a line per 10% step, none in between, and the final 100%", async () => {
    const { stream, text } = capture(false);
    const reporter = createProgressReporter({ stream, now: () => 0 });
    for (let done = 0; done <= 100; done += 1) reporter.update(at(done * MB, 100 * MB));
    reporter.finish();
    await new Promise((r) => setImmediate(r));
    const lines = text().trim().split("\n");
    expect(lines.map((l) => /: (\d+)%/.exec(l)?.[1])).toEqual(["0", "10", "20", "30", "40", "50", "60", "70", "80", "90", "100"]);
  });

  it("also prints every interval when progress is slow or the total unknown", async () => {
    const { stream, text } = capture(false);
    let clock = 0;
    const reporter = createProgressReporter({ stream, intervalMs: 5000, now: () => clock });
    for (let i = 0; i < 5; i += 1) {
      clock = i * 3000;
      reporter.update({ fileName: "a.bin", bytesDone: i * MB, filesDone: 0, fileCount: 1 });
    }
    reporter.finish();
    await new Promise((r) => setImmediate(r));
    // t = 0, 6000, 12000, and the last value at finish.
    expect(text().trim().split("\n")).toEqual([
      "downloading a.bin: 0 B",
      "downloading a.bin: 2.0 MB",
      "downloading a.bin: 4.0 MB",
    ]);
  });
});

describe("createProgressReporter (TTY)", () => {
  it("draws a cli-progress bar that ends at 100%", async () => {
    const { stream, text } = capture(true);
    const reporter = createProgressReporter({ stream });
    reporter.update(at(0));
    reporter.update(at(44.04 * MB));
    reporter.update(at(88.08 * MB));
    reporter.finish();
    await new Promise((r) => setImmediate(r));
    expect(text()).toContain("downloading model_quantized.onnx [");
    expect(text()).toContain("100% | 88.1/88.1 MB");
  });
});
