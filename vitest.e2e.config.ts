import { defineConfig } from "vitest/config";

// Browser smoke tests (tests/e2e/*.e2e.ts). Run through `npm run test:e2e` (tools/e2e.mjs), which
// starts the API and web app and passes E2E_BASE_URL / API_URL.
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.e2e.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // One Chromium at a time: the machine is small and the servers are shared.
    fileParallelism: false,
    reporters: ["default"],
  },
});
