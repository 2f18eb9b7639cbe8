import { defineConfig } from "vitest/config";

const sources = ["packages/*/src/**", "packages/*/bench/**", "graphs/*/src/**", "apps/*/src/**", "scripts/**"];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: sources.map((s) => `${s}/*.test.ts`),
          exclude: ["**/node_modules/**", "**/*.int.test.ts"],
        },
      },
      {
        test: {
          name: "integration",
          include: sources.map((s) => `${s}/*.int.test.ts`),
          exclude: ["**/node_modules/**"],
          // Neo4j (and, later, Redis) are started once per run here, not per file.
          globalSetup: ["./scripts/test/global-setup.ts"],
          // Two cores: the database, the model and the server under test share them.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
