import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.{ts,tsx}"],
    testTimeout: 20_000,
    // Tests start real local HTTP servers and real child processes; keep it gentle on a 2-core machine.
    maxWorkers: 2,
  },
});
