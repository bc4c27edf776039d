import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Parsing-heavy property tests take longer than the default on a 2-core CI machine.
    testTimeout: 60_000,
    pool: "forks",
    setupFiles: ["test/setup.ts"],
  },
});
