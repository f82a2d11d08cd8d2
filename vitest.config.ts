import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration tests start real servers and ONNX sessions; on a 2-core machine, fewer parallel files is faster and steadier.
    maxWorkers: 2,
  },
});
