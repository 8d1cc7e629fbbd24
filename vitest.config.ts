import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";
import { availableParallelism } from "node:os";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    include: ["lib/**/*.test.ts", "bin/**/*.test.ts"],
    environment: "node",
    setupFiles: ["./vitest.setup.ts"],
    testTimeout: 30_000,
    fileParallelism: true,
    // Vitest's default leaves one core to its own process, which here does next to nothing: on a
    // 2-core CI machine that meant one test file at a time.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
