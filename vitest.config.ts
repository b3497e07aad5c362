import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Workspace packages resolve to their TypeScript sources through the "@folio/source" export
// condition, so tests never depend on a stale dist/.
// Vite adds "import"/"require" itself; listing "import" here would also reach Node's require() of
// externalised CommonJS packages (pg -> pg-pool) and load their ESM builds.
const conditions = ["@folio/source", "node"];

export default defineConfig({
  resolve: {
    conditions,
    // The web app's `@/…` import alias (apps/web/tsconfig.json), for its unit tests.
    alias: [{ find: /^@\//, replacement: fileURLToPath(new URL("./apps/web/src/", import.meta.url)) }],
  },
  ssr: { resolve: { conditions, externalConditions: ["@folio/source"] } },
  test: {
    include: [
      "packages/*/src/**/*.test.ts",
      "apps/api/src/**/*.test.ts",
      "apps/worker/src/**/*.test.ts",
      "apps/web/src/**/*.test.ts",
      "tools/**/*.test.ts",
    ],
    globalSetup: ["tests/setup/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    reporters: ["default"],
  },
});
