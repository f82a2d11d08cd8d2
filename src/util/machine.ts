import os from "node:os";

/** The machine a benchmark figure was measured on: every bench report (bench/ and `kokoro bench`) names it. */
export function machine(): Record<string, unknown> {
  return {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}
